import { Injectable } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs';
import { JOB_NAMES } from './jobs';

export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  ctx: { attempt: number; jobId?: string; progress: (p: number | object) => Promise<void> },
) => Promise<unknown>;

/**
 * Handlers register here at start-up; the worker refuses to start when a job name has no
 * handler or two (a job nobody handles would wait forever).
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers; each job name must have exactly one`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }

  missing(): JobName[] {
    return JOB_NAMES.filter((n) => !this.handlers.has(n));
  }

  assertComplete(): void {
    const missing = this.missing();
    if (missing.length) throw new Error(`no handler for job${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
}
