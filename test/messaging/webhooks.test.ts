import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import type { RedisClient } from '@hub/queue';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import { ensureSource, openDatabase, TICKET_EVENTS, TicketEntity, TypeOrmUnitOfWork, WebhookCommits, WebhookDeliveryEntity } from '@hub/database';
import { systemClock, TicketStatus } from '@hub/domain';
import {
  DeliverWebhookUseCase,
  FetchWebhookPoster,
  ListWebhookDeliveriesUseCase,
  QueueCommittedWebhooksUseCase,
  ReplayWebhookDeliveryUseCase,
  SweepWebhookDeliveriesUseCase,
  SyncWebhookEndpointsUseCase,
} from '@hub/notify';
import { BullmqProducer, createRedis, JOB_NAMES, JobHandlerRegistry } from '@hub/queue';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';
import { WebhookReceiver } from './webhook-receiver';

const SECRET = 'board-secret-0123456789';
const actor = { kind: 'system' as const, id: null, name: '系统' };

describe('webhooks: every ticket event delivered once, signed, in order per ticket, through an outage', () => {
  const prefix = `{${uniqueName('hooks')}}`;
  let drop: () => Promise<void>;
  let ds: DataSource;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner;
  let receiver: WebhookReceiver;
  let uow: TypeOrmUnitOfWork;
  let config: HubConfig;
  let down = true;
  let deadAccepts = false;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    receiver = new WebhookReceiver(SECRET);
    const base = await receiver.start();
    receiver.answer = (path) => (path === '/dead' ? (deadAccepts ? 200 : 500) : down ? 503 : 200);
    const dir = mkdtempSync(join(tmpdir(), 'hub-hooks-'));
    cpSync(join(__dirname, '..', '..', 'config'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'webhooks.yaml'),
      [
        'webhooks:',
        `  - { name: board, url: "${base}/hook", secret: "${SECRET}", events: all, retryHours: 1 }`,
        `  - { name: dead, url: "${base}/dead", secret: "${SECRET}", events: [reply] }`,
      ].join('\n'),
    );
    const db = await createMysqlDatabase('hubhooks');
    drop = db.drop;
    config = loadConfig({ ...process.env, HUB_CONFIG_DIR: dir, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, HUB_QUEUE_PREFIX: prefix });
    ds = await openDatabase(config.env.database, { migrate: true });
    redis = createRedis(TEST_REDIS_URL, 'hooks-test');
    producer = new BullmqProducer(redis, prefix);
    uow = new TypeOrmUnitOfWork(ds, producer);
    // Short pauses for the test; `dead` (no retryHours) gives up after 1.5 s.
    const deliver = new DeliverWebhookUseCase(uow, systemClock, config, producer, new FetchWebhookPoster(), {
      firstRetryMs: 100,
      maxRetryMs: 400,
      defaultRetryHours: 1.5 / 3600,
      timeoutMs: 2000,
      leaseMs: 5000,
    });
    const registry = new JobHandlerRegistry();
    for (const name of JOB_NAMES) {
      if (name === 'webhook-deliver') registry.register(name, (p) => deliver.execute(p));
      else if (name === 'webhook-sweep') registry.register(name, () => new SweepWebhookDeliveriesUseCase(uow, systemClock, producer).execute());
      else registry.register(name, async () => undefined);
    }
    await new SyncWebhookEndpointsUseCase(uow, config).execute();
    const committed = new QueueCommittedWebhooksUseCase(uow, producer);
    new WebhookCommits(ds).subscribe((eventIds) => void committed.execute({ eventIds }));
    const schedules = new ScheduleRegistry();
    schedules.add({ schedulerId: 'sched-webhook-sweep', name: 'webhook-sweep', payload: {}, everyMs: 1000 });
    runner = new WorkerRunner(registry, schedules, producer, config);
    await runner.onApplicationBootstrap();
  }, 60_000);

  afterAll(async () => {
    await runner?.onApplicationShutdown();
    await producer?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    if (ds?.isInitialized) await ds.destroy();
    await drop?.();
    await receiver?.stop();
  });

  it("a receiver that answers 503 for a while gets every event once, signed, in order per ticket; a dead endpoint's deliveries fail visibly and replay", async () => {
    const source = await ensureSource(ds, '市长信箱', 'mailbox');
    const tickets: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await ds.getRepository(TicketEntity).save(
        ds.getRepository(TicketEntity).create({
          sourceId: source.id,
          channel: 'mailbox',
          status: 'received',
          text: `测试诉求${i}`,
          receivedAt: new Date('2026-03-02T02:00:00Z'),
          urgency: 'normal',
          confidential: false,
          imported: false,
          repeatCount: 0,
          returnCount: 0,
          extensionCount: 0,
          reopenCount: 0,
        }),
      );
      tickets.push(t.id);
    }
    // Events interleaved across tickets, each in its own transaction, as use cases record them.
    const steps: Array<[string, TicketStatus | null, TicketStatus]> = [
      ['received', null, 'received'],
      ['dispatch', 'received', 'dispatched'],
      ['acknowledge', 'dispatched', 'acknowledged'],
      ['reply', 'acknowledged', 'replied'],
    ];
    for (const [type, from, to] of steps) {
      for (const ticketId of tickets) {
        await uow.run((tx) => tx.get(TICKET_EVENTS).record({ ticketId, type, actor, at: new Date(), fromStatus: from, toStatus: to }));
      }
    }
    // A rolled-back event has no delivery.
    await expect(
      uow.run(async (tx) => {
        await tx.get(TICKET_EVENTS).record({ ticketId: tickets[0], type: 'close', actor, at: new Date() });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');

    await waitFor(() => receiver.requests.filter((r) => r.path === '/hook' && r.status === 503).length >= 6);
    down = false;
    await waitFor(async () => (await ds.getRepository(WebhookDeliveryEntity).countBy({ endpoint: 'board', status: 'delivered' })) === 12, 30_000);
    await waitFor(async () => (await ds.getRepository(WebhookDeliveryEntity).countBy({ endpoint: 'dead', status: 'failed' })) === 3, 30_000);

    const accepted = receiver.accepted('/hook');
    expect(accepted).toHaveLength(12);
    expect(new Set(accepted.map((r) => r.delivery)).size).toBe(12);
    expect(receiver.requests.every((r) => r.signatureOk)).toBe(true);
    // Stable delivery ids: every 503'd try carried the id of a delivery that later got through.
    const ids = new Set(accepted.map((r) => r.delivery));
    expect(receiver.requests.filter((r) => r.path === '/hook').every((r) => ids.has(r.delivery))).toBe(true);
    for (const ticketId of tickets) {
      const mine = accepted.filter((r) => r.body.ticket?.id === ticketId);
      expect(mine.map((r) => r.event)).toEqual(['received', 'dispatch', 'acknowledge', 'reply']);
      // No try of a later event before the earlier one got through.
      for (const r of receiver.requests.filter((x) => x.path === '/hook' && x.body.ticket?.id === ticketId)) {
        const earlier = mine.filter((m) => Number(m.body.id) < Number(r.body.id));
        expect(earlier.every((m) => m.at <= r.at)).toBe(true);
      }
    }
    expect(accepted[0].body).toMatchObject({ id: expect.any(String), event: expect.any(String), at: expect.any(String) });
    expect(accepted[0].body.ticket?.number).toMatch(/^QH20260302-\d{6}$/);

    const list = new ListWebhookDeliveriesUseCase(uow);
    const failed = await list.execute({ status: 'failed' });
    expect(failed.map((d) => [d.endpoint, d.eventType, d.lastStatusCode])).toEqual([
      ['dead', 'reply', 500],
      ['dead', 'reply', 500],
      ['dead', 'reply', 500],
    ]);
    deadAccepts = true;
    const replayed = await new ReplayWebhookDeliveryUseCase(uow, systemClock).execute({ deliveryId: failed[0].id });
    expect(replayed.status).toBe('pending');
    await waitFor(async () => (await ds.getRepository(WebhookDeliveryEntity).findOneBy({ id: failed[0].id }))?.status === 'delivered');
    const again = receiver.accepted('/dead');
    expect(again).toHaveLength(1);
    expect(again[0].delivery).toBe(`${failed[0].eventId}-dead`);
    expect(await ds.getRepository(WebhookDeliveryEntity).count()).toBe(15);
  }, 60_000);
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
