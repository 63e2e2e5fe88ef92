import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Worker } from 'bullmq';
import type { RedisClient } from '@hub/queue';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import { DeadlineEntity, ensureSource, openDatabase, OutgoingMailEntity, ReminderEntity, syncDirectory, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { DeadlinePolicies, loadDeadlinePolicies } from '@hub/deadlines';
import { Clock, fixedClock, systemClock } from '@hub/domain';
import { reminderOutboxKey, SendOutboxMailsUseCase, SendOutboxMailUseCase, SmtpTransport, SweepOutboxUseCase } from '@hub/notify';
import { BullmqProducer, createRedis, RecordingJobProducer } from '@hub/queue';
import { reminderUseCases, SILENT_STAGES, SweepResult } from '@hub/reminders';
import { buildTicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket, SmtpSink, startSmtpSink, TEST_REDIS_URL, uniqueName } from '@hub/testing';

const TICKETS = 40;

describe('reminders are sent exactly once', () => {
  let drop: () => Promise<void>;
  let config: HubConfig;
  let policies: DeadlinePolicies;
  let sink: SmtpSink;
  let prefix: string;
  const sources: DataSource[] = [];
  const redises: RedisClient[] = [];
  const producers: BullmqProducer[] = [];
  let ds: DataSource;

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubonce');
    drop = db.drop;
    sink = await startSmtpSink();
    prefix = `{${uniqueName('once')}}`;
    config = loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-once-')),
      HUB_QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
    });
    ds = await openDatabase(config.env.database, { migrate: true });
    sources.push(ds);
    await syncDirectory(ds, config);
    policies = loadDeadlinePolicies(config);
    // Monday 3 March 2025 09:00 Shanghai: TICKETS tickets dispatched to two units.
    const start = new Date('2025-03-03T01:00:00Z');
    const actions = buildTicketUseCases({ uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, planner: policies, clock: fixedClock(start) });
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const units = await ds.getRepository(UnitEntity).find({ where: { name: In(['东湖区城市管理局', '市市场监督管理局']) } });
    for (let i = 0; i < TICKETS; i++) {
      const t = await ds.transaction((m) =>
        createTicket(m, {
          sourceId: source.id,
          channel: 'hotline',
          text: `来电反映第${i}号路口占道经营。`,
          receivedAt: start,
          requester: { name: '市民', phone: `1390000${String(i).padStart(4, '0')}` },
        }),
      );
      await actions.dispatchTicket.execute({
        ticketId: t.id,
        unitId: units[i % 2].id,
        category: '城市管理/占道经营',
        actor: { kind: 'user', id: 1, name: '话务员' },
      });
    }
    // Dispatch notices are not what this test counts.
    await ds.getRepository(OutgoingMailEntity).update({ kind: 'dispatch' }, { status: 'sent' });
  }, 120_000);

  afterAll(async () => {
    for (const p of producers) await p.close();
    for (const r of redises) r.disconnect();
    await flushPrefix();
    for (const s of sources) if (s.isInitialized) await s.destroy();
    await sink?.stop();
    await drop?.();
  });

  /** Deletes every Redis key of this test's prefix: Redis "flushed" for this hub only. */
  async function flushPrefix(): Promise<number> {
    const r = createRedis(TEST_REDIS_URL, 'once-flush');
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
    return n;
  }

  /** A worker process of its own: its own database connections, Redis connection and sweeper. */
  async function sweeper(clock: Clock): Promise<{ run: () => Promise<SweepResult> }> {
    const own = await openDatabase(config.env.database);
    sources.push(own);
    const redis = createRedis(TEST_REDIS_URL, 'once-sweeper');
    redises.push(redis);
    const producer = new BullmqProducer(redis, prefix);
    producers.push(producer);
    const { sweep } = reminderUseCases({ uow: new TypeOrmUnitOfWork(own, producer), clock, config, policies, jobs: producer });
    return { run: () => sweep.execute({ batchSize: 7 }) };
  }

  /** What the ladder says is due at `now` over the rows as they stand (the oracle, from the pure library). */
  async function dueKeys(now: Date): Promise<string[]> {
    const rows = await ds.getRepository(DeadlineEntity).find({ where: { status: 'open', nextReminderAt: LessThanOrEqual(now) } });
    return rows
      .filter((r) => !SILENT_STAGES.includes(r.stage))
      .flatMap((r) => policies.ladder.decide(policies.toLadder({ ...r, version: r.dueVersion, basis: r.basis as 'working' }), now).send.map((s) => s.key));
  }

  const reminderKeys = async () =>
    (await ds.getRepository(ReminderEntity).find({ where: { level: In(['yellow', 'red', 'due', 'overdue', 'escalation']) } })).map((r) => r.key);
  const reminderMails = () => sink.messages.filter((m) => /^【(黄灯预警|红灯预警|已到期|已超期|督办)】/.test(m.subject ?? ''));

  let clockAt = new Date('2025-03-03T01:00:00Z');
  const clock: Clock = { now: () => new Date(clockAt.getTime()) };

  it('two workers sweeping at once, again and again, write and mail each reminder once', async () => {
    const [a, b] = [await sweeper(clock), await sweeper(clock)];
    const mailRedis = createRedis(TEST_REDIS_URL, 'once-mail');
    redises.push(mailRedis);
    const transport = new SmtpTransport(sink.url);
    const send = new SendOutboxMailUseCase(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), transport, config);
    const worker = new Worker(
      'mail',
      async (job) =>
        job.name === 'mail-send-many'
          ? new SendOutboxMailsUseCase(send).execute({ outboxIds: job.data.outboxIds })
          : send.execute({ outboxId: job.data.outboxId }),
      { connection: mailRedis, prefix },
    );
    try {
      // Tuesday 06:00 Shanghai: yellow warnings (acknowledge, first contact) for every ticket.
      clockAt = new Date('2025-03-03T22:00:00Z');
      const expected = await dueKeys(clockAt);
      expect(expected.length).toBeGreaterThanOrEqual(TICKETS);
      const results = await Promise.all([a, b, a, b, a, b].map((s) => s.run()));
      const keys = await reminderKeys();
      expect(keys.sort()).toEqual([...expected].sort());
      // Each reminder points at the mail written for it (the ids come from the bulk insert, not read back).
      const pairs: Array<{ key: string; dedupeKey: string }> = await ds.query(
        'SELECT r.`key` AS `key`, o.dedupeKey AS dedupeKey FROM reminders r JOIN outgoing_mail o ON o.id = r.outboxId',
      );
      expect(pairs).toHaveLength(expected.length);
      for (const p of pairs) expect(p.dedupeKey).toBe(reminderOutboxKey(p.key));
      // Both workers did part of the work: the rows were shared, not decided twice.
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(expected.length);
      await sink.waitFor(expected.length, 45_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(reminderMails()).toHaveLength(expected.length);
      expect(new Set(reminderMails().map((m) => m.messageId)).size).toBe(expected.length);
      // Sweeping again at the same time sends nothing.
      expect((await Promise.all([a.run(), b.run()])).map((r) => r.sent)).toEqual([0, 0]);
    } finally {
      await worker.close();
      transport.close();
    }
  });

  it('loses nothing when Redis is flushed: the outbox and the database schedule bring every reminder back, once', async () => {
    const [a, b] = [await sweeper(clock), await sweeper(clock)];
    const before = reminderMails().length;
    const keysBefore = (await reminderKeys()).length;

    // Thursday 05:00: overdue and reply yellow; the mail jobs are queued but no worker runs, and then Redis is flushed.
    clockAt = new Date('2025-03-05T21:00:00Z');
    const thursday = await dueKeys(clockAt);
    await Promise.all([a.run(), b.run()]);
    expect(await flushPrefix()).toBeGreaterThan(0);
    // Friday 06:00: escalations (督办), decided from the database schedule after the flush; Redis is flushed once more.
    clockAt = new Date('2025-03-06T22:00:00Z');
    const friday = await dueKeys(clockAt);
    expect(friday.some((k) => k.includes('-escalation-'))).toBe(true);
    await Promise.all([a.run(), b.run(), a.run()]);
    await flushPrefix();
    const expectedNew = thursday.length + friday.length;
    expect((await reminderKeys()).length).toBe(keysBefore + expectedNew);
    expect(reminderMails().length).toBe(before);

    // The worker comes back; its outbox sweep re-queues what is pending; each mail goes out once.
    const mailRedis = createRedis(TEST_REDIS_URL, 'once-mail2');
    redises.push(mailRedis);
    const producer = producers[0];
    const transport = new SmtpTransport(sink.url);
    const send = new SendOutboxMailUseCase(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), transport, config);
    const worker = new Worker(
      'mail',
      async (job) =>
        job.name === 'mail-send-many'
          ? new SendOutboxMailsUseCase(send).execute({ outboxIds: job.data.outboxIds })
          : send.execute({ outboxId: job.data.outboxId }),
      { connection: mailRedis, prefix },
    );
    try {
      const outboxSweep = async () => {
        await new SweepOutboxUseCase(new TypeOrmUnitOfWork(ds, producer), producer, systemClock).execute({ now: new Date() });
      };
      await Promise.all([outboxSweep(), outboxSweep()]);
      await sink.waitFor(before + expectedNew, 45_000);
      await outboxSweep();
      await Promise.all([a.run(), b.run()]);
      await new Promise((r) => setTimeout(r, 500));
      expect(reminderMails().length).toBe(before + expectedNew);
      expect(new Set(reminderMails().map((m) => m.messageId)).size).toBe(before + expectedNew);
      expect(await ds.getRepository(ReminderEntity).countBy({ status: 'pending' })).toBe(0);
    } finally {
      await worker.close();
      transport.close();
    }
  });
});
