// The reminder sweep over a large open book: 1,000,000 open tickets (acknowledge + reply deadline
// each) in MariaDB, 1% of them due. Times one sweep pass against a naive full scan of the open
// deadlines in the same run, an idle pass, the daily digest, and the lag from a reminder's time to
// its mail arriving at an SMTP server with the worker's loop (BullMQ scheduler + mail queue).
// Build, then: node dist/bench/deadlines.bench.js [--tickets N] [--due-share 0.01] [--keep]
// BENCH_PROFILE=DIR writes a CPU profile of the measured sweep pass to DIR/sweep.cpuprofile.
// Needs MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306) and Redis (REDIS_URL).
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'fs';
import { Session } from 'inspector';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import { Queue, Worker } from 'bullmq';
import * as mysql from 'mysql2/promise';
import { loadConfig } from '@hub/config';
import { ensureSource, openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { businessDate, fixedClock, systemClock } from '@hub/domain';
import { SendOutboxMailsUseCase, SendOutboxMailUseCase, SmtpTransport } from '@hub/notify';
import { BullmqProducer, createRedis } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { SMTPServer } from 'smtp-server';

const DAY = 86_400_000;
const SWEEP_EVERY_MS = 3000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const ms = (t: bigint) => Math.round(Number(process.hrtime.bigint() - t) / 1e5) / 10;

/** BENCH_PROFILE=DIR: a CPU profile of what runs between this call and the returned one. */
async function profileIfAsked(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((ok, fail) => session.post(method, params ?? {}, (e, r) => (e ? fail(e) : ok(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const tickets = Number(arg('tickets', '1000000'));
  const dueShare = Number(arg('due-share', '0.01'));
  const every = Math.max(1, Math.round(1 / dueShare));
  const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const name = `hubbench_dl_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;

  // The SMTP server that receives the mails, noting when each arrives.
  const arrivals = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4000) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (id) arrivals.set(id, Date.now());
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  const prefix = `{${name}}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: base.toString(),
    HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-bench-dl-')),
    HUB_QUEUE_PREFIX: prefix,
    SMTP_URL: smtpUrl,
  });
  const ds = await openDatabase(config.env.database, { migrate: true });
  const redis = createRedis(config.env.redisUrl, 'bench-dl');
  const producer = new BullmqProducer(redis, prefix);
  const out: Record<string, unknown> = { tickets, deadlines: tickets * 2, dueShare };
  try {
    await syncDirectory(ds, config);
    const policies = loadDeadlinePolicies(config);
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const [{ lo, hi }] = await ds.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM units');
    const units = Number(hi) - Number(lo) + 1;

    // Now (real time, so the live loop below agrees); every deadline runs 5 calendar days, yellow at half of it.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const fmt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
    let t = process.hrtime.bigint();
    for (let from = 1; from <= tickets; from += 200_000) {
      const to = Math.min(tickets, from + 199_999);
      await ds.query(
        `INSERT INTO tickets (id, sourceId, channel, status, text, receivedAt, urgency, leadUnitId, disposition)
         SELECT seq, ?, 'hotline', 'dispatched', CONCAT('来电反映第', seq, '号路口占道经营'), ?, 'normal', ? + seq % ?, 'dispatched'
         FROM seq_${from}_to_${to}`,
        [source.id, fmt(new Date(now.getTime() - 3 * DAY)), Number(lo), units],
      );
      // Due rows started 2.5-3.5 days ago: yellow is past (red at 4 days is not). The rest started
      // within the last two days: their yellow is in the future.
      await ds.query(
        `INSERT INTO deadlines (ticketId, assignmentId, unitId, stage, startAt, dueAt, basis, status, pausedMs, dueVersion, nextReminderAt, nextLevel)
         SELECT seq, seq, ? + seq % ?, s.stage,
                st, st + INTERVAL 5 DAY, 'calendar', 'open', 0, 1, st + INTERVAL 60 HOUR, 'yellow'
         FROM (SELECT seq, IF(seq % ? = 0, ? - INTERVAL (3600 + seq % 1440) MINUTE, ? - INTERVAL (seq % 2880) MINUTE) AS st
               FROM seq_${from}_to_${to}) x
         CROSS JOIN (SELECT 'acknowledge' AS stage UNION ALL SELECT 'reply') s`,
        [Number(lo), units, every, fmt(now), fmt(now)],
      );
    }
    out.seedSeconds = Math.round(ms(t) / 100) / 10;
    out.seedRowsPerSecond = Math.round((tickets * 3) / (Number(out.seedSeconds) || 1));
    await ds.query('ANALYZE TABLE deadlines');

    // Baseline: what a sweep without the indexed schedule would do: read every open deadline and ask the ladder.
    t = process.hrtime.bigint();
    let naiveDue = 0;
    let lastId = 0;
    for (;;) {
      const rows: Array<Record<string, unknown>> = await ds.query(
        `SELECT id, stage, basis, startAt, dueAt, status, pausedAt, pausedMs, dueVersion, lastLevelSent FROM deadlines
         WHERE status = 'open' AND id > ? ORDER BY id LIMIT 50000`,
        [lastId],
      );
      if (!rows.length) break;
      for (const r of rows) {
        const d = policies.toLadder({
          id: Number(r.id),
          stage: String(r.stage),
          startAt: r.startAt as Date,
          dueAt: r.dueAt as Date,
          pausedMs: Number(r.pausedMs),
          lastLevelSent: (r.lastLevelSent as string) ?? null,
          basis: String(r.basis),
          version: Number(r.dueVersion),
          pausedAt: (r.pausedAt as Date) ?? null,
          status: String(r.status),
        });
        if (policies.ladder.decide(d, now).send.length) naiveDue++;
      }
      lastId = Number(rows[rows.length - 1].id);
    }
    out.naiveFullScanMs = ms(t);
    out.naiveDue = naiveDue;

    // One sweep pass: decide, write reminders + outbox + events + deadlines, enqueue the mails.
    const uow = new TypeOrmUnitOfWork(ds, producer);
    const { sweep, digests } = reminderUseCases({ uow, clock: fixedClock(now), config, policies, jobs: producer });
    // The plan of the due read the sweep makes (status, nextReminderAt): a range, never a scan.
    out.dueQueryPlan = (
      (await ds.query(
        `EXPLAIN SELECT id FROM deadlines WHERE status = 'open' AND nextReminderAt <= ? ORDER BY nextReminderAt LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Array<Record<string, unknown>>
    ).map((r) => `${r.type} ${r.key} rows=${r.rows} ${r.Extra ?? ''}`.trim());
    const stopProfile = await profileIfAsked('sweep');
    const pass = await sweep.execute({ now, digests: false });
    await stopProfile();
    out.sweepPassMs = pass.ms;
    out.sweepDue = pass.examined;
    out.sweepSent = pass.sent;
    out.sweepRowsPerSecond = Math.round(pass.examined / (pass.ms / 1000));
    out.speedupVsNaive = Math.round((Number(out.naiveFullScanMs) / pass.ms) * 10) / 10;
    const idle = await sweep.execute({ now: new Date(now.getTime() + 1000), digests: false });
    out.idlePassMs = idle.ms;
    // A pass of the size a 3 s sweep meets in steady state: reminders fall at about tickets × 2 × 5 levels / 5 days.
    const steady = Math.max(1, Math.round(((tickets * 2 * 5) / (5 * DAY)) * SWEEP_EVERY_MS));
    await ds.query(
      `UPDATE deadlines SET nextReminderAt = ? WHERE status = 'open' AND nextLevel = 'yellow' AND nextReminderAt > ? ORDER BY nextReminderAt LIMIT ${steady}`,
      [fmt(new Date(now.getTime() + 2000)), fmt(now)],
    );
    const steadyPass = await sweep.execute({ now: new Date(now.getTime() + 3000), digests: false });
    out.steadyStatePass = { rows: steadyPass.examined, ms: steadyPass.ms };
    const digestStart = process.hrtime.bigint();
    const digest = await digests.execute({ day: businessDate(now) });
    out.dailyDigest = { ms: ms(digestStart), items: digest?.items, mails: digest?.mails };
    // The mails of the pass: drop them from the queue (the lag run below needs an empty mail queue).
    await producer.queues.mail.obliterate({ force: true });
    await ds.query(`UPDATE outgoing_mail SET status = 'sent'`);

    // Lag: 20 reminders falling 2-8 s from now (real time), the worker's loop sweeping every SWEEP_EVERY_MS.
    const real = Date.now();
    for (let i = 0; i < 20; i++) {
      const yellowAt = real + 2000 + i * 300;
      const start = new Date(yellowAt - 2.5 * DAY);
      await ds.query(
        `INSERT INTO deadlines (ticketId, unitId, stage, startAt, dueAt, basis, status, pausedMs, dueVersion, nextReminderAt, nextLevel)
         VALUES (?, ?, 'reply', ?, ?, 'calendar', 'open', 0, 1, ?, 'yellow')`,
        [i + 1, Number(lo), fmt(start), fmt(new Date(start.getTime() + 5 * DAY)), fmt(new Date(yellowAt))],
      );
    }
    const live = reminderUseCases({ uow, clock: systemClock, config, policies, jobs: producer }).sweep;
    const transport = new SmtpTransport(smtpUrl);
    const send = new SendOutboxMailUseCase(uow, transport, config);
    const conns = [createRedis(config.env.redisUrl, 'bench-w1'), createRedis(config.env.redisUrl, 'bench-w2')];
    const workers = [
      new Worker('deadlines', async () => live.execute({ now: new Date(), digests: false }), { connection: conns[0], prefix }),
      new Worker(
        'mail',
        async (job) =>
          job.name === 'mail-send-many'
            ? new SendOutboxMailsUseCase(send).execute({ outboxIds: job.data.outboxIds })
            : send.execute({ outboxId: job.data.outboxId }),
        { connection: conns[1], prefix, concurrency: 4 },
      ),
    ];
    await producer.syncSchedules([{ schedulerId: 'sched-deadline-sweep', name: 'deadline-sweep', payload: {}, everyMs: SWEEP_EVERY_MS }], ['sched-']);
    const deadlineAt = Date.now() + 30_000;
    let lags: number[] = [];
    while (Date.now() < deadlineAt) {
      await new Promise((r) => setTimeout(r, 250));
      const rows: Array<{ scheduledAt: Date; messageId: string | null }> = await ds.query(
        `SELECT r.scheduledAt, o.messageId FROM reminders r JOIN outgoing_mail o ON o.id = r.outboxId WHERE r.scheduledAt > ?`,
        [fmt(new Date(real))],
      );
      lags = rows
        .filter((r) => r.messageId && arrivals.has(r.messageId))
        .map((r) => (arrivals.get(r.messageId as string) as number) - new Date(r.scheduledAt).getTime());
      if (lags.length >= 20) break;
    }
    for (const w of workers) await w.close();
    await new Queue('deadlines', { connection: redis, prefix }).removeJobScheduler('sched-deadline-sweep');
    for (const c of conns) c.disconnect();
    transport.close();
    lags.sort((a, b) => a - b);
    out.lag = {
      sweepEveryMs: SWEEP_EVERY_MS,
      mails: lags.length,
      minMs: lags[0],
      medianMs: lags[Math.floor(lags.length / 2)],
      maxMs: lags[lags.length - 1],
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await producer.close();
    redis.disconnect();
    await ds.destroy();
    await new Promise<void>((r) => smtp.close(() => r()));
    if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
