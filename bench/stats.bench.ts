/**
 * Statistics at scale: loads N tickets (default 5,000,000) into a fresh MariaDB database, builds
 * the daily pre-aggregation, then times the work-summary and timeliness queries against the raw
 * baseline in the same run.
 *
 *   node dist/bench/stats.bench.js [--tickets N] [--url mysql://root@127.0.0.1:3306/x] [--keep]
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory } from '@hub/database';
import { buildSummary, queryStats, rebuildDailyStats, refreshDailyStats } from '@hub/reporting';
import * as mysql from 'mysql2/promise';

process.env.TZ = 'UTC';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg('tickets') ?? 5_000_000);
const SEED = Math.min(N, 50_000);
const FIRST_DAY = Date.UTC(2021, 0, 1) - 8 * 3_600_000;
const DAYS = 1826; // 2021-2025
const H = 3_600_000;

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function pick<T>(r: () => number, items: Array<[T, number]>): T {
  let x = r() * items.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function time<T>(label: string, fn: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`${label.padEnd(58)} ${best.toFixed(1).padStart(9)} ms`);
  return { ms: best, value };
}

async function main() {
  const base = new URL(arg('url') ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const name = `hubbench_${Date.now().toString(36)}`;
  base.pathname = `/${name}`;
  const admin = await mysql.createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username) || 'root', password: decodeURIComponent(base.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config = loadConfig({ ...process.env, DATABASE_URL: base.toString() });
  const ds = await openDatabase(parseDatabaseUrl(base.toString(), []), { migrate: true });
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
    const cols = ['sourceId', 'channel', 'status', 'text', 'receivedAt', 'category', 'region', 'urgency', 'disposition', 'leadUnitId', 'confidential',
      'dispatchedAt', 'acknowledgedAt', 'repliedAt', 'replyDueAt', 'closedAt', 'outcome', 'rating', 'extensionCount', 'imported', 'updatedAt'];
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!batch.length) return;
      await ds.query(`INSERT INTO tickets (${cols.join(',')}) VALUES ${batch.map((b) => `(${b.map(() => '?').join(',')})`).join(',')}`, batch.flat());
      batch = [];
    };
    for (let i = 0; i < SEED; i++) {
      const src = pick(r, srcPick);
      const rec = FIRST_DAY + Math.floor(r() * DAYS) * 24 * H + (8 + r() * 12) * H;
      const ci = Math.floor(r() * categories.length);
      // Most matters are in the district of the unit that handles them.
      const region = r() < 0.8 ? regions[(ci % units.length) % regions.length] : regions[Math.floor(r() * regions.length)];
      const disp = pick(r, [['dispatched', 89], ['direct_answer', 5], ['service_provided', 4], ['invalid', 1], ['merged', 1]] as Array<[string, number]>);
      const d = disp === 'dispatched';
      const replied = d && r() < 0.97 ? rec + (1 + r() * 9) * 24 * H : null;
      const closed = replied && r() < 0.95 ? replied + 24 * H : null;
      const status = !d ? (disp === 'invalid' || disp === 'merged' ? disp : 'closed') : closed ? 'closed' : replied ? 'replied' : 'acknowledged';
      batch.push([
        src.id, src.channel, status, '诉求内容', iso(rec), categories[ci], region, 'normal', disp,
        d ? units[ci % units.length].id : null, 0, d ? iso(rec + H) : null, d ? iso(rec + (r() < 0.03 ? 30 : 2) * H) : null,
        replied ? iso(replied) : d ? null : iso(rec + 0.2 * H), d ? iso(rec + 7 * 24 * H) : null, closed ? iso(closed) : d ? null : iso(rec + 0.2 * H),
        replied ? (r() < 0.85 ? 'resolved' : 'explained') : null, closed && r() < 0.8 ? (r() < 0.96 ? '满意' : r() < 0.5 ? '基本满意' : '不满意') : null,
        d && r() < 0.02 ? 1 : 0, 0, loadedAt,
      ]);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    // Doubling by INSERT…SELECT: each round copies what is there, in one statement.
    for (;;) {
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM tickets');
      const have = Number(n);
      if (have >= N) break;
      await ds.query(`INSERT INTO tickets (${cols.join(',')}) SELECT ${cols.join(',')} FROM tickets ORDER BY id LIMIT ${Math.min(have, N - have)}`);
      process.stderr.write(`  ${Math.min(2 * have, N).toLocaleString()} tickets, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    // Every tenth dispatched ticket has an acknowledge deadline row, every fiftieth a return.
    await ds.query(`INSERT INTO deadlines (ticketId, unitId, stage, startAt, dueAt, status, metAt, pausedMs, dueVersion)
      SELECT id, leadUnitId, 'acknowledge', dispatchedAt, dispatchedAt + INTERVAL 24 HOUR, 'met', acknowledgedAt, 0, 1
      FROM tickets WHERE disposition = 'dispatched' AND id % 10 = 0`);
    await ds.query(`INSERT INTO assignments (ticketId, unitId, role, status, dispatchedAt, returnedAt, extensionCount)
      SELECT id, leadUnitId, 'lead', 'returned', dispatchedAt, dispatchedAt + INTERVAL 3 HOUR, 0 FROM tickets WHERE disposition = 'dispatched' AND id % 50 = 0`);
    await ds.query('ANALYZE TABLE tickets, deadlines, assignments');
    console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const rebuilt = await time('full rebuild of stats_daily (job)', () => rebuildDailyStats(ds), 1);
    const [{ n: rows }] = await ds.query('SELECT COUNT(*) AS n FROM stats_daily');
    console.log(`  ${rebuilt.value.days} days, ${Number(rows).toLocaleString()} daily rows`);
    await time('refresh with nothing changed', () => refreshDailyStats(ds));
    await ds.query(`UPDATE tickets SET rating = '满意' WHERE id % 7 = 0 AND receivedAt >= '2025-06-01' AND receivedAt < '2025-06-08' LIMIT 500`);
    const refreshed = await time('refresh after changes on a few days', () => refreshDailyStats(ds), 1);
    console.log(`  rebuilt ${refreshed.value.days} days`);

    const year = { from: '2025-01-01', to: '2025-12-31' };
    const start = iso(Date.UTC(2025, 0, 1) - 8 * H);
    const end = iso(Date.UTC(2026, 0, 1) - 8 * H);
    const [{ n: yearTickets }] = await ds.query('SELECT COUNT(*) AS n FROM tickets WHERE receivedAt >= ? AND receivedAt < ?', [start, end]);
    console.log(`\none year (2025): ${Number(yearTickets).toLocaleString()} tickets of ${N.toLocaleString()}`);
    const naive = await time('baseline: naive GROUP BY channel, disposition over tickets', () => ds.query(
      `SELECT channel, disposition, COUNT(*) n, SUM(repliedAt IS NOT NULL) replied, SUM(status = 'closed') closed
       FROM tickets WHERE receivedAt >= ? AND receivedAt < ? GROUP BY channel, disposition`, [start, end]), 1);
    const raw = await time('baseline: all figures from raw tickets (mode raw)', () => queryStats(ds, { ...year, mode: 'raw' }), 1);
    const daily = await time('figures from stats_daily', () => queryStats(ds, year));
    const summary = await time('work summary (8 queries, stats_daily)', () => buildSummary(ds, { ...year, refresh: false }));
    const summaryFresh = await time('work summary incl. refresh (CLI/API path)', () => buildSummary(ds, year));
    const unit = await time('timeliness by unit + daily series', () => Promise.all([
      queryStats(ds, { ...year, groupBy: 'unit' }), queryStats(ds, { ...year, groupBy: 'day' })]));
    await time('timeliness by category, one unit user', () => queryStats(ds, { ...year, unitIds: [units[0].id], groupBy: 'category' }));
    const all5 = await time('work summary over all five years', () => buildSummary(ds, { from: '2021-01-01', to: '2025-12-31', refresh: false }));
    const same = JSON.stringify(raw.value.total) === JSON.stringify(daily.value.total);
    console.log(`\nraw and daily figures identical: ${same}`);
    console.log(`received ${summary.value.report.received.total}, dispatched ${summary.value.report.dispatched.total}, closed ${summary.value.report.dispatched.closed}, `
      + `办结率 ${(summary.value.report.rates.completionRate * 100).toFixed(1)}%, 满意率 ${(summary.value.report.rates.satisfactionRate * 100).toFixed(1)}%, units ${unit.value[0].groups.length}, 5y ${all5.value.report.received.total}`);
    console.log(`speed-up vs naive GROUP BY: ${(naive.ms / daily.ms).toFixed(1)}x; vs raw figures: ${(raw.ms / daily.ms).toFixed(1)}x; summary ${summary.ms.toFixed(0)} ms (with refresh ${summaryFresh.ms.toFixed(0)} ms)`);
    if (!same) process.exitCode = 1;
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
