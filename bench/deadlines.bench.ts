// The reminder sweep over a large open book: 1,000,000 open tickets (acknowledge + reply deadline
// each) in MariaDB, 1% of them due. Times one sweep pass against a naive full scan of the open
// deadlines in the same run, an idle pass, the daily digest, and the lag from a reminder's time to
// its mail arriving at an SMTP server with the worker's loop (BullMQ scheduler + mail queue).
// Build, then: node dist/bench/deadlines.bench.js [--tickets N] [--due-share 0.01] [--keep] [--reuse DB]
// [--batch N] [--lanes N] (the measured pass's batch size and lanes; default the sweep's own).
// BENCH_PROFILE=DIR writes a CPU profile of the measured sweep pass to DIR/sweep.cpuprofile.
// Needs MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306) and Redis (REDIS_URL);
// BENCH_DB_PREFIX names its throwaway database (default hubbench_dl).
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
import { CityDeadlinePolicies, loadCityDeadlinePolicies } from '@hub/deadlines';
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

/**
 * BENCH_PROFILE: the time each kind of statement took (from sending it to its answer) while `on`,
 * by its first words, so the database's share of a pass shows beside the CPU profile.
 */
const statementTimes = new Map<string, { n: number; ms: number }>();
let timingStatements = false;
function timeStatements(): void {
  if (!process.env.BENCH_PROFILE) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runner = require('typeorm/driver/mysql/MysqlQueryRunner').MysqlQueryRunner.prototype;
  const query = runner.query as (...a: unknown[]) => Promise<unknown>;
  runner.query = async function (this: unknown, ...a: unknown[]) {
    if (!timingStatements) return query.apply(this, a);
    const t = process.hrtime.bigint();
    try {
      return await query.apply(this, a);
    } finally {
      const key = String(a[0]).replace(/\s+/g, ' ').trim().slice(0, 70);
      const e = statementTimes.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += Number(process.hrtime.bigint() - t) / 1e6;
      statementTimes.set(key, e);
    }
  };
}

async function main(): Promise<void> {
  timeStatements();
  process.env.TZ = 'UTC';
  const tickets = Number(arg('tickets', '1000000'));
  const dueShare = Number(arg('due-share', '0.01'));
  const every = Math.max(1, Math.round(1 / dueShare));
  const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  // --reuse NAME: a database an earlier run seeded and kept (--keep), reset to its seeded state.
  const reuse = arg('reuse', '');
  const name = reuse || `${process.env.BENCH_DB_PREFIX ?? 'hubbench_dl'}_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: base.toString() });
  if (!reuse) await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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
    // As the worker: each city's calendar (the demo's 蓝山 has one, so each batch reads its rows' ticket
    // prefixes); `--city-calendars off` sweeps on the installation's calendar alone, for comparison.
    const cityPolicies = loadCityDeadlinePolicies(config);
    const withCities = arg('city-calendars', 'on') !== 'off';
    const policies = cityPolicies.base;
    const sweepPolicies = withCities ? cityPolicies : new CityDeadlinePolicies(cityPolicies.base, new Map());
    out.cityCalendars = sweepPolicies.hasCityCalendars;
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const [{ lo, hi }] = await ds.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM units');
    const units = Number(hi) - Number(lo) + 1;

    // Now (real time, so the live loop below agrees); every deadline runs 5 calendar days, yellow at half of it.
    // A reused database keeps its seeding time (its rows' yellow falls 12-60 h after it, so within 12 h
    // nothing else has come due) and is put back as seeded: no reminders, mails or events, every row at yellow.
    const fmt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
    const seeded: Array<{ at: Date }> = reuse ? await ds.query('SELECT at FROM bench_seed') : [];
    const now = seeded.length ? seeded[0].at : new Date(Math.floor(Date.now() / 1000) * 1000);
    let t = process.hrtime.bigint();
    if (reuse) {
      for (const table of ['reminders', 'outgoing_mail', 'outgoing_sms', 'ticket_events']) await ds.query(`DELETE FROM ${table}`);
      await ds.query(`DELETE FROM deadlines WHERE assignmentId IS NULL`);
      await ds.query(
        `UPDATE deadlines SET lastLevelSent = NULL, nextLevel = 'yellow', nextReminderAt = startAt + INTERVAL 60 HOUR
         WHERE lastLevelSent IS NOT NULL OR nextReminderAt <> startAt + INTERVAL 60 HOUR`,
      );
      out.resetSeconds = Math.round(ms(t) / 100) / 10;
    }
    for (let from = 1; !reuse && from <= tickets; from += 200_000) {
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
    if (!reuse) {
      out.seedSeconds = Math.round(ms(t) / 100) / 10;
      out.seedRowsPerSecond = Math.round((tickets * 3) / (Number(out.seedSeconds) || 1));
      await ds.query('CREATE TABLE bench_seed (at DATETIME(3) NOT NULL)');
      await ds.query('INSERT INTO bench_seed VALUES (?)', [fmt(now)]);
    }
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
    const { sweep, digests } = reminderUseCases({ uow, clock: fixedClock(now), config, policies: sweepPolicies, jobs: producer });
    // The plan of the due read the sweep makes (status, nextReminderAt): a range, never a scan.
    out.dueQueryPlan = (
      (await ds.query(
        `EXPLAIN SELECT id FROM deadlines WHERE status = 'open' AND nextReminderAt <= ? ORDER BY nextReminderAt LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Array<Record<string, unknown>>
    ).map((r) => `${r.type} ${r.key} rows=${r.rows} ${r.Extra ?? ''}`.trim());
    const stopProfile = await profileIfAsked('sweep');
    timingStatements = true;
    const shape = {
      ...(arg('batch', '') ? { batchSize: Number(arg('batch', '')) } : {}),
      ...(arg('lanes', '') ? { lanes: Number(arg('lanes', '')) } : {}),
    };
    out.sweepShape = shape;
    const pass = await sweep.execute({ now, digests: false, ...shape });
    timingStatements = false;
    await stopProfile();
    if (statementTimes.size)
      out.statementTimes = [...statementTimes]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 12)
        .map(([sql, e]) => `${Math.round(e.ms)} ms in ${e.n}: ${sql}`);
    out.sweepPassMs = pass.ms;
    out.sweepDue = pass.examined;
    out.sweepSent = pass.sent;
    out.sweepRowsPerSecond = Math.round(pass.examined / (pass.ms / 1000));
    out.speedupVsNaive = Math.round((Number(out.naiveFullScanMs) / pass.ms) * 10) / 10;
    // Baseline: the same reminder and outbox rows written by plain multi-row INSERTs (1,000 rows a
    // statement, a commit per 1,000 as the sweep's batches) into empty copies of the two tables.
    out.rawInsertMs = await rawInsert(ds);
    out.sweepVsRawInsert = Math.round((pass.ms / Number(out.rawInsertMs)) * 100) / 100;
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
    const live = reminderUseCases({ uow, clock: systemClock, config, policies: sweepPolicies, jobs: producer }).sweep;
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

/** Times writing the rows of reminders and outgoing_mail again, as plain INSERTs, into copies of the tables. */
async function rawInsert(ds: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<number> {
  let total = 0;
  for (const table of ['outgoing_mail', 'reminders']) {
    const copy = `bench_raw_${table}`;
    await ds.query(`DROP TABLE IF EXISTS ${copy}`);
    await ds.query(`CREATE TABLE ${copy} LIKE ${table}`);
    const rows = (await ds.query(`SELECT * FROM ${table}`)) as Array<Record<string, unknown>>;
    if (!rows.length) continue;
    const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
    const t = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      await ds.query(
        `INSERT INTO ${copy} (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
        part.flatMap((r) => columns.map((c) => r[c])),
      );
    }
    total += ms(t);
    await ds.query(`DROP TABLE ${copy}`);
  }
  return Math.round(total * 10) / 10;
}

main().catch((e: Error) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
