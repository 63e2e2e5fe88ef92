import { Public } from '../auth/auth.decorators';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Health } from './health.responses';
import type { Response } from 'express';
import { HEALTH, MailboxStateEntity, UnitOfWork } from '@hub/database';
import { REDIS, type RedisClient } from '@hub/queue';
import { HUB_CONFIG, HubConfig } from '@hub/config';

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
  ) {}

  @ApiOkResponse({ type: Health })
  @ApiServiceUnavailableResponse({ type: Health, description: 'the database or Redis is down' })
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness: database, Redis, mailboxes' })
  async health(@Res() res: Response): Promise<void> {
    const [database, redis, mailboxes] = await Promise.all([this.database(), this.redisCheck(), this.mailboxes()]);
    const ready = database.status === 'up' && redis.status === 'up';
    const degraded = mailboxes.some((m) => m.status !== 'up');
    res.status(ready ? 200 : 503).json({
      status: ready ? (degraded ? 'degraded' : 'ok') : 'error',
      checks: { database, redis, mailboxes },
      time: new Date().toISOString(),
    });
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
