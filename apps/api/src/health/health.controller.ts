import { Public } from '../auth/auth.decorators';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Health } from './health.responses';
import type { Response } from 'express';
import { HEALTH, MailboxStateEntity, UnitOfWork } from '@hub/database';
import { REDIS, type RedisClient } from '@hub/queue';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { CLOCK, type Clock } from '@hub/domain';
import { importsCheck, ImportsCheck, workersCheck, WorkersCheck } from './worker-checks';

interface Check {
  status: 'up' | 'down' | 'degraded';
  detail?: string;
  [key: string]: unknown;
}

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOkResponse({ type: Health, description: 'the API can serve: status ok, or degraded (a worker, an import or a mailbox needs attention)' })
  @ApiServiceUnavailableResponse({ type: Health, description: 'the database or Redis is down' })
  @Get('health')
  @ApiOperation({
    summary: 'Readiness: database, Redis, worker heartbeats, stalled imports, mailboxes',
    description:
      'HTTP 503 only when the API itself cannot serve (database or Redis down). A dead worker, a stalled import or a failing mailbox ' +
      'answer 200 with status degraded: the API still serves, and restarting it would not help.',
  })
  async health(@Res() res: Response): Promise<void> {
    const now = this.clock.now();
    const [database, redis, mailboxes] = await Promise.all([this.database(), this.redisCheck(), this.mailboxes()]);
    const [workers, imports] = await Promise.all([this.workers(redis, now), this.imports(database, now)]);
    const ready = database.status === 'up' && redis.status === 'up';
    const degraded = workers.status !== 'up' || imports.status !== 'up' || mailboxes.some((m) => m.status !== 'up');
    res.status(ready ? 200 : 503).json({
      status: ready ? (degraded ? 'degraded' : 'ok') : 'error',
      checks: { database, redis, workers, imports, mailboxes },
      time: now.toISOString(),
    });
  }

  private async workers(redis: Check, now: Date): Promise<WorkersCheck> {
    if (redis.status !== 'up') return { status: 'down', detail: 'Redis 不可用：读不到处理进程的心跳', alive: 0, workers: [] };
    return workersCheck(this.redis, this.config.env.queuePrefix, now.getTime());
  }

  private async imports(database: Check, now: Date): Promise<ImportsCheck> {
    if (database.status !== 'up') return { status: 'up', stalled: [] }; // unknown; the database check reports it
    return importsCheck(this.uow, now).catch(() => ({ status: 'up' as const, stalled: [] }));
  }

  private async database(): Promise<Check> {
    try {
      await this.uow.read(HEALTH).ping();
      return { status: 'up', type: this.config.env.database.type };
    } catch (e) {
      return { status: 'down', type: this.config.env.database.type, detail: (e as Error).message };
    }
  }

  private async redisCheck(): Promise<Check> {
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000)),
      ]);
      return { status: pong === 'PONG' ? 'up' : 'down' };
    } catch (e) {
      return { status: 'down', detail: (e as Error).message };
    }
  }

  private async mailboxes(): Promise<Check[]> {
    if (!this.config.mailboxes.mailboxes.length) return [];
    let states: MailboxStateEntity[] = [];
    try {
      states = await this.uow.read(HEALTH).mailboxStates();
    } catch {
      /* the database check reports it */
    }
    return this.config.mailboxes.mailboxes.map((m) => {
      const s = states.find((x) => x.mailbox === m.name);
      const status = !s || s.status === 'unknown' ? 'degraded' : s.status === 'ok' ? 'up' : s.status === 'silent' ? 'degraded' : 'down';
      return {
        name: m.name,
        status: status as Check['status'],
        state: s?.status ?? 'never polled',
        lastSuccessAt: s?.lastSuccessAt ?? null,
        lastMailAt: s?.lastMailAt ?? null,
        detail: s?.lastError ?? undefined,
      };
    });
  }
}
