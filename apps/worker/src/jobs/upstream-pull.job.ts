import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { PullUpstreamUseCase } from '@hub/intake';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Takes in one upstream platform's new work orders (scheduled per upstream, every `every` seconds). */
@Injectable()
export class UpstreamPullJob implements WorkerJob<'upstream-pull'> {
  readonly name = 'upstream-pull' as const;
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly pullUpstream: PullUpstreamUseCase,
  ) {}

  async handle({ upstream }: JobPayloads['upstream-pull']) {
    // A scheduler left over from an upstream removed from the config: nothing to do.
    if (!this.config.upstreams.upstreams.some((u) => u.code === upstream)) return { skipped: 'not configured' };
    return this.pullUpstream.execute({ upstream });
  }
}
