// SMS and webhook deliveries per second through the hub's outboxes and real BullMQ workers,
// against local servers started here (an SMPP server from the `smpp` package, an HTTP receiver),
// each next to a baseline measured in the same run: a raw submit_sm loop on one bound session and
// a raw HTTP POST loop, with the same number in flight as the worker's queue concurrency.
// Build, then: node dist/bench/messaging.bench.js [--sms 2000] [--events 2000]
// Needs MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306) and Redis (REDIS_URL).
import 'reflect-metadata';
import { randomBytes } from 'crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import * as mysql from 'mysql2/promise';
import * as smpp from 'smpp';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import {
  ensureSource,
  insertRows,
  openDatabase,
  OutgoingSmsEntity,
  TICKET_EVENTS,
  TypeOrmUnitOfWork,
  WebhookCommits,
  WebhookDeliveryEntity,
} from '@hub/database';
import { fixedClock, systemClock } from '@hub/domain';
import {
  DeliverWebhookUseCase,
  FetchWebhookPoster,
  QueueCommittedWebhooksUseCase,
  queueSms,
  receiptSms,
  SendSmsUseCase,
  SmppTransport,
  SyncWebhookEndpointsUseCase,
  webhookSignature,
} from '@hub/notify';
import { BullmqProducer, createRedis, JOB_NAMES, JobHandlerRegistry } from '@hub/queue';
import { ScheduleRegistry, WorkerRunner } from '../apps/worker/src/worker-runner.service';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SECRET = 'bench-secret-0123456789';
const SMS_CONCURRENCY = 4; // the worker's mail queue
const HOOK_CONCURRENCY = 8; // the worker's webhooks queue

async function pool<T>(items: T[], inFlight: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  Logger.overrideLogger(['error']);
  const smsCount = Number(arg('sms', '2000'));
  const eventCount = Number(arg('events', '2000'));
  const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const name = `hubbench_msg_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  const prefix = `{bench-msg-${randomBytes(3).toString('hex')}}`;

  // The SMSC: accepts the bind, answers every submit_sm with a message id.
  let submitted = 0;
  const smsc = smpp.createServer({}, (session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      submitted++;
      session.send(pdu.response({ message_id: `m${submitted}` }));
    });
  });
  await new Promise<void>((r) => smsc.listen(0, '127.0.0.1', () => r()));
  const smscPort = (smsc.address() as AddressInfo).port;
  // The webhook receiver: 200 to everything.
  let posts = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-msg-'));
  cpSync(join(process.cwd(), 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'webhooks.yaml'), `webhooks:\n  - { name: bench, url: "${hookUrl}", secret: "${SECRET}", events: all }\n`);
  const config = loadConfig({
    ...process.env,
    HUB_CONFIG_DIR: dir,
    DATABASE_URL: base.toString(),
    HUB_QUEUE_PREFIX: prefix,
    SMS_URL: `smpp://hub:secret12@127.0.0.1:${smscPort}?source=12345`,
  });
  const ds = await openDatabase(config.env.database, { migrate: true });
  const redis = createRedis(config.env.redisUrl, 'bench-msg');
  const producer = new BullmqProducer(redis, prefix);
  const uow = new TypeOrmUnitOfWork(ds, producer);
  const settings = config.env.sms as Extract<NonNullable<typeof config.env.sms>, { kind: 'smpp' }>;
  const day = fixedClock('2026-03-02T10:00:00+08:00'); // outside quiet hours, whatever the hour of the run
  const results: string[] = [];

  try {
    // ---- SMS baseline: raw submit_sm on one bound session, SMS_CONCURRENCY in flight.
    const raw = smpp.connect({ url: `smpp://127.0.0.1:${smscPort}` });
    await new Promise<void>((resolve) => raw.on('connect', () => raw.bind_transceiver({ system_id: 'hub', password: 'secret12' }, () => resolve())));
    const text = receiptSms({ number: 'QH20260302-000123', lookupCode: 'K7P2Q9' }).text;
    let t0 = process.hrtime.bigint();
    await pool(
      [...Array(smsCount).keys()],
      SMS_CONCURRENCY,
      (i) =>
        new Promise<void>((resolve) => {
          raw.submit_sm(
            { source_addr: '12345', destination_addr: `1390000${String(i).padStart(4, '0')}`, registered_delivery: 1, data_coding: 8, short_message: text },
            () => resolve(),
          );
        }),
    );
    const rawSmsS = Number(process.hrtime.bigint() - t0) / 1e9;
    raw.close();

    // ---- SMS through the hub: outbox rows (100 a transaction), send-sms jobs on real BullMQ workers, claim, SMPP, record.
    const transport = new SmppTransport(settings);
    const send = new SendSmsUseCase(uow, day, transport);
    const registry = new JobHandlerRegistry();
    const deliver = new DeliverWebhookUseCase(uow, systemClock, config, producer, new FetchWebhookPoster());
    for (const job of JOB_NAMES) {
      if (job === 'send-sms') registry.register(job, (p) => send.execute(p));
      else if (job === 'webhook-deliver') registry.register(job, (p) => deliver.execute(p));
      else registry.register(job, async () => undefined);
    }
    const runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    await runner.onApplicationBootstrap();
    await transport.connect();
    t0 = process.hrtime.bigint();
    for (let i = 0; i < smsCount; i += 100) {
      await uow.run(async (tx) => {
        for (let j = i; j < Math.min(smsCount, i + 100); j++) {
          await queueSms(
            tx,
            {
              ...receiptSms({ number: `QH20260302-${String(j).padStart(6, '0')}`, lookupCode: 'K7P2Q9' }),
              dedupeKey: `bench-${j}`,
              phone: `1380000${String(j).padStart(4, '0')}`,
            },
            day.now(),
          );
        }
      });
    }
    const sms = ds.getRepository(OutgoingSmsEntity);
    await waitUntil(async () => (await sms.countBy({ status: 'sent' })) === smsCount, 600_000);
    const hubSmsS = Number(process.hrtime.bigint() - t0) / 1e9;
    results.push(
      `SMS via SMPP: hub ${Math.round(smsCount / hubSmsS)}/s (${smsCount} in ${hubSmsS.toFixed(2)} s: outbox write, BullMQ, claim, submit_sm, record), ` +
        `raw submit_sm loop ${Math.round(smsCount / rawSmsS)}/s; hub/raw = ${(rawSmsS / hubSmsS).toFixed(2)}`,
    );

    // ---- Webhook baseline: raw signed POSTs of a typical body, HOOK_CONCURRENCY in flight.
    const body = JSON.stringify({
      id: '1',
      event: 'dispatch',
      at: new Date().toISOString(),
      ticket: { id: 1, number: 'QH20260302-000001', status: 'dispatched', text: 'x'.repeat(300) },
    });
    t0 = process.hrtime.bigint();
    await pool([...Array(eventCount).keys()], HOOK_CONCURRENCY, async () => {
      const res = await fetch(hookUrl, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': webhookSignature(SECRET, body) },
      });
      await res.text();
    });
    const rawHookS = Number(process.hrtime.bigint() - t0) / 1e9;

    // ---- Webhooks through the hub: events recorded (10 a transaction) → deliveries in the same transaction → jobs after commit → signed POSTs in order per ticket.
    await new SyncWebhookEndpointsUseCase(uow, config).execute();
    const committed = new QueueCommittedWebhooksUseCase(uow, producer);
    new WebhookCommits(ds).subscribe((eventIds) => void committed.execute({ eventIds }));
    const source = await ensureSource(ds, '市长信箱', 'mailbox');
    const ticketCount = Math.max(1, Math.round(eventCount / 10));
    const now = new Date();
    await insertRows(
      ds.manager,
      'tickets',
      Array.from({ length: ticketCount }, (_, i) => ({
        sourceId: source.id,
        channel: 'mailbox',
        status: 'received',
        text: `压测诉求${i}`,
        receivedAt: now,
        urgency: 'normal',
        confidential: false,
        imported: false,
        repeatCount: 0,
        returnCount: 0,
        extensionCount: 0,
        reopenCount: 0,
        version: 1,
      })),
    );
    const [{ minId }] = await ds.query('SELECT MIN(id) AS minId FROM tickets');
    const actor = { kind: 'system' as const, id: null, name: '系统' };
    const posted0 = posts;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < eventCount; i += 10) {
      await uow.run(async (tx) => {
        for (let j = i; j < Math.min(eventCount, i + 10); j++) {
          await tx
            .get(TICKET_EVENTS)
            .record({ ticketId: Number(minId) + (j % ticketCount), type: j < ticketCount ? 'received' : 'dispatch', actor, at: new Date() });
        }
      });
    }
    const deliveries = ds.getRepository(WebhookDeliveryEntity);
    await waitUntil(async () => (await deliveries.countBy({ status: 'delivered' })) === eventCount, 600_000);
    const hubHookS = Number(process.hrtime.bigint() - t0) / 1e9;
    results.push(
      `webhooks: hub ${Math.round(eventCount / hubHookS)} deliveries/s (${eventCount} events on ${ticketCount} tickets in ${hubHookS.toFixed(2)} s: ` +
        `event + delivery rows, BullMQ, claim, body, sign, POST, record; ${posts - posted0} POSTs), raw signed POST loop ${Math.round(eventCount / rawHookS)}/s; hub/raw = ${(rawHookS / hubHookS).toFixed(2)}`,
    );

    await runner.onApplicationShutdown();
    await transport.close();
  } finally {
    await producer.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await ds.destroy();
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.end();
    smsc.close();
    receiver.close();
  }
  console.log(`messaging bench (${smsCount} SMS, ${eventCount} webhook events; MariaDB, Redis, local SMPP server and HTTP receiver on this machine)`);
  for (const line of results) console.log(`  ${line}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
