/**
 * Statistics at scale: loads N tickets (default 5,000,000; five years, in arrival order, by LOAD
 * DATA LOCAL INFILE) into a fresh MariaDB database, times the full rebuild of the daily and monthly
 * pre-aggregation and the incremental refresh, then times each statistics query (year, month,
 * breakdowns, the timeliness API's pair, the work summary) against its raw baseline recomputed
 * from the tickets in the same run, and checks both give identical figures (exit code 1 if not).
 * The database is dropped at the end unless --keep.
 *
 *   node dist/bench/stats.bench.js [--tickets N] [--url mysql://root@127.0.0.1:3306/x] [--keep]
 */
import 'reflect-metadata';
import { loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { startOfBusinessDay } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildSummary, queryStats, rebuildDailyStats, refreshDailyStats, StatsQuery } from '@hub/reporting';
import * as mysql from 'mysql2/promise';
import { Readable } from 'stream';

process.env.TZ = 'UTC';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg('tickets') ?? 5_000_000);
const FIRST_DAY = startOfBusinessDay('2021-01-01').getTime();
const DAYS = 1826; // 2021-2025
const H = 3_600_000;

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function pick<T>(r: () => number, items: Array<[T, number]>): T {
  let x = r() * items.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function time<T>(label: string, fn: () => Promise<T>, runs = 3, print = true): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  if (print) console.log(`${label.padEnd(58)} ${best.toFixed(1).padStart(9)} ms`);
  return { ms: best, value };
}

function connectionOptions(url: URL) {
  return { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username) || 'root', password: decodeURIComponent(url.password) };
}

async function main() {
  const base = new URL(arg('url') ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const name = `hubbench_${Date.now().toString(36)}`;
  base.pathname = `/${name}`;
  const admin = await mysql.createConnection(connectionOptions(base));
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config = loadConfig({ ...process.env, DATABASE_URL: base.toString() });
  const ds = await openDatabase(parseDatabaseUrl(base.toString(), []), { migrate: true });
  // The statistics read and build through the unit of work, as the API, worker and CLI do; loading is raw SQL.
  const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
  try {
    await syncDirectory(ds, config);
    const sources: Array<{ id: number; name: string; channel: string }> = await ds.query('SELECT id, name, channel FROM sources');
    const units: Array<{ id: number }> = await ds.query('SELECT id FROM units ORDER BY id');
    const weights: Record<string, number> = { 区长公开电话: 70, 市长公开电话: 10, 省长公开电话: 3, '12345热线': 5, 市长信箱: 8, 省长信箱: 2, 网上信访: 2 };
    const srcPick: Array<[{ id: number; channel: string }, number]> = sources.map((s) => [s, weights[s.name] ?? 0.5]);
    const categories = Array.from({ length: 60 }, (_, i) => `类别${Math.floor(i / 6) + 1}/子类${(i % 6) + 1}`);
    const regions = ['东湖区', '西岭区', '南港区', '北川区', '高新区', '清溪县', '青禾镇', '云溪乡'];

    console.log(`loading ${N.toLocaleString()} tickets into ${name} …`);
    const t0 = Date.now();
    const r = rng(12345);
    // Loaded an hour ago, as a past import would be: the first refresh is not the load itself.
    const loadedAt = iso(Date.now() - H);
    const cols = [
      'sourceId',
      'channel',
      'status',
      'text',
      'receivedAt',
      'category',
      'region',
      'urgency',
      'disposition',
      'leadUnitId',
      'confidential',
      'dispatchedAt',
      'acknowledgedAt',
      'repliedAt',
      'replyDueAt',
      'closedAt',
      'outcome',
      'rating',
      'extensionCount',
      'imported',
      'updatedAt',
    ];
    /** One ticket as a LOAD DATA line (tab-separated, \N for NULL). */
    const ticketLine = (rec: number): string => {
      const src = pick(r, srcPick);
      const ci = Math.floor(r() * categories.length);
      // Most matters are in the district of the unit that handles them.
      const region = r() < 0.8 ? regions[(ci % units.length) % regions.length] : regions[Math.floor(r() * regions.length)];
      const disp = pick(r, [
        ['dispatched', 89],
        ['direct_answer', 5],
        ['service_provided', 4],
        ['invalid', 1],
        ['merged', 1],
      ] as Array<[string, number]>);
      const d = disp === 'dispatched';
      const replied = d && r() < 0.97 ? rec + (1 + r() * 9) * 24 * H : null;
      const closed = replied && r() < 0.95 ? replied + 24 * H : null;
      const status = !d ? (disp === 'invalid' || disp === 'merged' ? disp : 'closed') : closed ? 'closed' : replied ? 'replied' : 'acknowledged';
      const t = (ms: number | null) => (ms == null ? '\\N' : iso(ms));
      return (
        [
          src.id,
          src.channel,
          status,
          '诉求内容',
          iso(rec),
          categories[ci],
          region,
          'normal',
          disp,
          d ? units[ci % units.length].id : '\\N',
          0,
          t(d ? rec + H : null),
          t(d ? rec + (r() < 0.03 ? 30 : 2) * H : null),
          t(replied ?? (d ? null : rec + 0.2 * H)),
          t(d ? rec + 7 * 24 * H : null),
          t(closed ?? (d ? null : rec + 0.2 * H)),
          replied ? (r() < 0.85 ? 'resolved' : 'explained') : '\\N',
          closed && r() < 0.8 ? (r() < 0.96 ? '满意' : r() < 0.5 ? '基本满意' : '不满意') : '\\N',
          d && r() < 0.02 ? 1 : 0,
          0,
          loadedAt,
        ].join('\t') + '\n'
      );
    };
    /** The tickets of days [from, to), in the order they arrive (as a live hub stores them). */
    function* ticketLines(from: number, to: number): Generator<Buffer> {
      for (let day = from; day < to; day++) {
        const n = Math.floor(((day + 1) * N) / DAYS) - Math.floor((day * N) / DAYS);
        const times = Array.from({ length: n }, () => FIRST_DAY + day * 24 * H + Math.floor((8 + r() * 12) * H)).sort((a, b) => a - b);
        yield Buffer.from(times.map(ticketLine).join(''));
      }
    }
    // LOAD DATA LOCAL INFILE streamed from the generator, a few hundred thousand tickets per statement.
    const loader = await mysql.createConnection({ ...connectionOptions(base), database: name, infileStreamFactory: () => Readable.from([]) });
    await loader.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const daysPerLoad = Math.max(1, Math.floor((DAYS * 250_000) / N));
    for (let from = 0; from < DAYS; from += daysPerLoad) {
      const to = Math.min(DAYS, from + daysPerLoad);
      await loader.query({
        sql: `LOAD DATA LOCAL INFILE 'tickets.tsv' INTO TABLE tickets CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (${cols.join(', ')})`,
        infileStreamFactory: () => Readable.from(ticketLines(from, to)),
      });
      if (to === DAYS || Math.floor((to * 8) / DAYS) > Math.floor((from * 8) / DAYS)) {
        process.stderr.write(`  ${Math.floor((to * N) / DAYS).toLocaleString()} tickets, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      }
    }
    await loader.end();
    // Every tenth dispatched ticket has an acknowledge deadline row, every fiftieth a return.
    await ds.query(`INSERT INTO deadlines (ticketId, unitId, stage, startAt, dueAt, status, metAt, pausedMs, dueVersion)
      SELECT id, leadUnitId, 'acknowledge', dispatchedAt, dispatchedAt + INTERVAL 24 HOUR, 'met', acknowledgedAt, 0, 1
      FROM tickets WHERE disposition = 'dispatched' AND id % 10 = 0`);
    await ds.query(`INSERT INTO assignments (ticketId, unitId, role, status, dispatchedAt, returnedAt, extensionCount)
      SELECT id, leadUnitId, 'lead', 'returned', dispatchedAt, dispatchedAt + INTERVAL 3 HOUR, 0 FROM tickets WHERE disposition = 'dispatched' AND id % 50 = 0`);
    await ds.query('ANALYZE TABLE tickets, deadlines, assignments');
    const loadMs = Date.now() - t0;
    console.log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    const [[pool]] = (await admin.query('SELECT @@innodb_buffer_pool_size AS b')) as unknown as [[{ b: number }]];
    const [[size]] = (await admin.query(
      `SELECT SUM(data_length + index_length) AS b FROM information_schema.tables WHERE table_schema = ? AND table_name = 'tickets'`,
      [name],
    )) as unknown as [[{ b: number }]];
    console.log(
      `tickets table ${(Number(size.b) / 2 ** 20).toFixed(0)} MiB (data + indexes); innodb_buffer_pool_size ${(Number(pool.b) / 2 ** 20).toFixed(0)} MiB`,
    );

    const rebuilt = await time('full rebuild of stats_daily (job)', () => rebuildDailyStats(uow), 1);
    const [{ n: rows }] = await ds.query('SELECT COUNT(*) AS n FROM stats_daily');
    console.log(`  ${rebuilt.value.days} days, ${Number(rows).toLocaleString()} daily rows`);
    await time('refresh with nothing changed', () => refreshDailyStats(uow));
    await ds.query(`UPDATE tickets SET rating = '满意' WHERE id % 7 = 0 AND receivedAt >= '2025-06-01' AND receivedAt < '2025-06-08' LIMIT 500`);
    const refreshed = await time('refresh after changes on a few days', () => refreshDailyStats(uow), 1);
    console.log(`  rebuilt ${refreshed.value.days} days`);

    const year = { from: '2025-01-01', to: '2025-12-31' };
    const start = iso(startOfBusinessDay('2025-01-01').getTime());
    const end = iso(startOfBusinessDay('2026-01-01').getTime());
    const [{ n: yearTickets }] = await ds.query('SELECT COUNT(*) AS n FROM tickets WHERE receivedAt >= ? AND receivedAt < ?', [start, end]);
    console.log(
      `\none year (2025): ${Number(yearTickets).toLocaleString()} tickets of ${N.toLocaleString()}; raw = recomputed from the tickets, daily = from stats_daily`,
    );
    console.log(`${'query'.padEnd(46)} ${'raw ms'.padStart(9)} ${'daily ms'.padStart(9)} ${'speed-up'.padStart(9)}  identical`);
    const worst: number[] = [];
    let allSame = true;
    /** Times one statistics query from the raw tickets (once) and from stats_daily (best of 3); checks they agree. */
    const compare = async (label: string, fn: (mode: 'raw' | 'daily') => Promise<unknown>) => {
      const raw = await time('', () => fn('raw'), 1, false);
      const daily = await time('', () => fn('daily'), 3, false);
      const same = JSON.stringify(raw.value) === JSON.stringify(daily.value);
      allSame &&= same;
      worst.push(daily.ms);
      console.log(
        `${label.padEnd(46)} ${raw.ms.toFixed(0).padStart(9)} ${daily.ms.toFixed(1).padStart(9)} ${`${(raw.ms / daily.ms).toFixed(0)}x`.padStart(9)}  ${same ? 'yes' : 'NO'}`,
      );
      return daily.value;
    };
    const now = new Date();
    const stats = (q: Partial<StatsQuery>) => (mode: 'raw' | 'daily') => queryStats(uow, { ...year, now, ...q, mode });
    await compare('year total (2025)', stats({}));
    await compare('month total (2025-06)', stats({ from: '2025-06-01', to: '2025-06-30' }));
    await compare('year by unit', stats({ groupBy: 'unit' }));
    await compare('year by category', stats({ groupBy: 'category' }));
    await compare('year by region', stats({ groupBy: 'region' }));
    await compare('year by category, one unit user', stats({ unitIds: [units[0].id], groupBy: 'category' }));
    const timeliness = (q: Partial<StatsQuery>) => (mode: 'raw' | 'daily') =>
      Promise.all([queryStats(uow, { ...year, now, ...q, groupBy: 'unit', mode }), queryStats(uow, { ...year, now, ...q, groupBy: 'day', mode })]);
    await compare('GET /api/stats/timeliness, year (unit + days)', timeliness({}));
    await compare('GET /api/stats/timeliness, last 30 days', timeliness({ from: '2025-12-02', to: '2025-12-31' }));
    const summary = (await compare('work summary, year (7 breakdowns)', (mode) => buildSummary(uow, { ...year, now, refresh: false, mode }))) as Awaited<
      ReturnType<typeof buildSummary>
    >;
    const summaryFresh = await time('work summary incl. refresh (CLI/API path)', () => buildSummary(uow, { ...year, now }));
    const all5 = await time('work summary over all five years', () => buildSummary(uow, { from: '2021-01-01', to: '2025-12-31', now, refresh: false }));
    worst.push(summaryFresh.ms, all5.ms);
    const s = summary.report;
    console.log(
      `\nreceived ${s.received.total}, dispatched ${s.dispatched.total}, closed ${s.dispatched.closed}, 办结率 ${(s.rates.completionRate * 100).toFixed(1)}%, ` +
        `满意率 ${(s.rates.satisfactionRate * 100).toFixed(1)}%, 5y ${all5.value.report.received.total}`,
    );
    console.log(
      `load ${(loadMs / 1000).toFixed(0)} s, full rebuild ${(rebuilt.ms / 1000).toFixed(1)} s; slowest statistics query from stats_daily ${Math.max(...worst).toFixed(0)} ms; ` +
        `raw and daily figures identical: ${allSame}`,
    );
    if (!allSame) process.exitCode = 1;
  } finally {
    await ds.destroy();
    if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
