/**
 * `npm run bench:route` (after `npm run build:server`: node dist/bench/route.bench.js).
 *
 * One hourly hotline file of a big city (1,750 rows of the shipped training texts, as `npm run
 * load` uploads them) imported into MariaDB, then routed as a worker routes it: classify jobs of
 * `CLASSIFY_BATCH` tickets, `QUEUE_CONCURRENCY.classify` of them at once, through the router use
 * case (model, repeats, clusters, alerts, 交办 with assignments, deadlines and dispatch mails).
 * Prints tickets routed per second, statements and worker CPU per ticket, and, as the baseline
 * measured in the same run, the rows a dispatch leaves written straight as multi-row statements
 * (ticket update, event, assignment, four deadlines, outbox mail) per batch: how far routing
 * ticket by ticket is from the writes it has to make.
 *
 * Flags: --rows N (1750), --rounds R (1), --files F (1: hourly files one after another in a round's database), --batch N (CLASSIFY_BATCH), --at-once N (the classify queue's concurrency). Needs MariaDB (TEST_MYSQL_URL).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as mysql from 'mysql2/promise';
import { ensureModel } from '@hub/classification';
import { loadConfig, parseDatabaseUrl, type HubConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { EXPORT_BATCH_ROWS } from '@hub/intake';
import { systemClock } from '@hub/domain';
import { CLASSIFY_BATCH, QUEUE_CONCURRENCY, RecordingJobProducer } from '@hub/queue';
import { ActiveModelClassifierSource, buildTicketUseCases, IndexTicketsUseCase } from '@hub/tickets';
import { beijing, texts } from '../test/load/load-support';
import { importHotlineFile } from '../test/support/intake';
import { createMysqlDatabase } from '../test/support/services';
import { flag } from './flags';

process.env.TZ = 'UTC';

const ROWS = flag('rows', 1750);
const ROUNDS = flag('rounds', 1);
/** Hourly files routed one after another into the same database in a round (a day's tickets accumulate). */
const FILES = flag('files', 1);
/** Tickets per classify job (default the worker's, CLASSIFY_BATCH), to weigh another size. */
const BATCH = flag('batch', CLASSIFY_BATCH);
/**
 * The file's lookup-row job (`ticket-search-index`, queued by the import) run in the same slots:
 * `--lookup-rows` after the routing, as the queue's priorities take it; `--lookup-rows-first` before
 * it, as the queue took it when the job had no priority. The figure that matters is when the last
 * ticket was routed.
 */
const LOOKUP: 'none' | 'after' | 'first' = process.argv.includes('--lookup-rows-first') ? 'first' : process.argv.includes('--lookup-rows') ? 'after' : 'none';
/** Classify jobs at once (default the worker's). */
const AT_ONCE = flag('at-once', QUEUE_CONCURRENCY.classify);

/** An hourly file as the load harness writes it (test/load/day-plan.ts), rows numbered from `first`. */
function hourlyFile(dir: string, first: number): string {
  const pool = texts(join(process.cwd(), 'config', 'training'));
  const lines = ['工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度'];
  for (let row = first; row < first + ROWS; row++) {
    const text = pool[row % pool.length].replace(/[\r\n,"]/g, ' ');
    lines.push(
      `RX${row},${beijing(new Date())},1380000${String(row % 10000).padStart(4, '0')},市民${row % 500},12345,${text},青禾市某小区,${row % 20 === 0 ? '紧急' : '一般'}`,
    );
  }
  const file = join(dir, `export-${first}.csv`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const STATEMENTS = ['Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_begin', 'Com_commit', 'Com_rollback'];
async function statementCounts(conn: mysql.Connection): Promise<Record<string, number>> {
  const [rows] = (await conn.query(`SHOW GLOBAL STATUS WHERE Variable_name IN (${STATEMENTS.map(() => '?').join(',')})`, STATEMENTS)) as unknown as [
    Array<{ Variable_name: string; Value: string }>,
  ];
  return Object.fromEntries(rows.map((r) => [r.Variable_name.replace('Com_', ''), Number(r.Value)]));
}

async function routeFile(config: HubConfig, url: string, file: string): Promise<void> {
  const ds = await openDatabase(parseDatabaseUrl(url, []), { migrate: false });
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
  try {
    const summary = await importHotlineFile(ds, config, null, file, 'standard');
    const [rows] = (await conn.query("SELECT id FROM tickets WHERE status = 'received' ORDER BY id")) as unknown as [Array<{ id: number }>];
    const ids = rows.map((r) => r.id);
    const actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer(), () => undefined),
      config,
      planner: loadDeadlinePolicies(config),
      clock: systemClock,
      classifiers: new ActiveModelClassifierSource(config, ensureModel),
    });
    const indexTickets = new IndexTicketsUseCase(new TypeOrmUnitOfWork(ds, new RecordingJobProducer(), () => undefined));
    const results: Record<string, number> = {};
    const tasks: Array<() => Promise<void>> = [];
    let routedAt = 0;
    let routing = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      routing++;
      tasks.push(async () => {
        for (const o of await actions.routeNewTickets.execute({ ticketIds: batch })) results[o.result] = (results[o.result] ?? 0) + 1;
        if (--routing === 0) routedAt = performance.now();
      });
    }
    // One lookup-row job for each batch the import committed.
    const lookupRows: Array<() => Promise<void>> = [];
    for (let i = 0; i < ids.length; i += EXPORT_BATCH_ROWS)
      lookupRows.push(async () => void (await indexTickets.execute({ ticketIds: ids.slice(i, i + EXPORT_BATCH_ROWS) })));
    if (LOOKUP === 'first') tasks.unshift(...lookupRows);
    if (LOOKUP === 'after') tasks.push(...lookupRows);
    const since = await maxIds(conn);
    const before = await statementCounts(conn);
    const cpu = process.cpuUsage();
    const t = performance.now();
    let next = 0;
    const slot = async () => {
      while (next < tasks.length) await tasks[next++]();
    };
    await Promise.all(Array.from({ length: AT_ONCE }, slot));
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const after = await statementCounts(conn);
    const n = ids.length;
    const per = Object.entries(after)
      .map(([k, v]) => `${k} ${((v - (before[k] ?? 0)) / n).toFixed(1)}`)
      .join(', ');
    const routedMs = routedAt - t;
    console.log(
      `    imported ${summary.imported}; routed ${n} in ${routedMs.toFixed(0)} ms = ${(n / (routedMs / 1000)).toFixed(0)} tickets/s (${JSON.stringify(results)})`,
    );
    if (LOOKUP !== 'none')
      console.log(`    with the file's lookup rows (${LOOKUP === 'first' ? 'before' : 'after'} the routing): all done in ${ms.toFixed(0)} ms`);
    console.log(`    per ticket: ${((used.user + used.system) / 1000 / n).toFixed(2)} ms of this process's CPU; statements ${per}`);
    const rawMs = await rawWrites(conn, ids, since);
    console.log(`    raw multi-row writes of the same rows: ${rawMs.toFixed(0)} ms = ${(n / (rawMs / 1000)).toFixed(0)} tickets/s`);
    console.log(`    ratio: routing at ${((rawMs / ms) * 100).toFixed(1)}% of the raw write rate`);
  } finally {
    await conn.end();
    await ds.destroy();
  }
}

/** Tables routing writes rows of a ticket into (a `ticketId` column each). */
const WRITTEN = ['ticket_events', 'assignments', 'deadlines', 'outgoing_mail', 'outgoing_sms', 'reminders'];
type Row = Record<string, unknown>;

async function maxIds(conn: mysql.Connection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of WRITTEN) {
    const [[r]] = (await conn.query(`SELECT COALESCE(MAX(id), 0) AS m FROM ${t}`)) as unknown as Array<Array<{ m: number }>>;
    out[t] = Number(r.m);
  }
  return out;
}

/**
 * The baseline: the rows routing left (the routed tickets and each table's new rows) written again
 * into copies of their tables (same columns and indexes, `CREATE TABLE … LIKE`), CLASSIFY_BATCH
 * tickets a transaction, one multi-row statement per table: the tickets as an upsert, the rest as
 * inserts. What routing in sets could at best come to.
 */
async function rawWrites(conn: mysql.Connection, ids: number[], since: Record<string, number>): Promise<number> {
  const byTable = new Map<string, Map<number, Row[]>>();
  const [tickets] = (await conn.query('SELECT * FROM tickets WHERE id IN (?)', [ids])) as unknown as [Row[]];
  const tables: string[] = [];
  for (const t of WRITTEN) {
    const [rows] = (await conn.query(`SELECT * FROM ${t} WHERE id > ?`, [since[t]])) as unknown as [Row[]];
    if (!rows.length) continue;
    tables.push(t);
    const by = new Map<number, Row[]>();
    for (const r of rows) by.set(Number(r.ticketId), [...(by.get(Number(r.ticketId)) ?? []), r]);
    byTable.set(t, by);
  }
  for (const t of ['tickets', ...tables]) await conn.query(`CREATE TABLE raw_${t} LIKE ${t}`);
  try {
    await conn.query('INSERT INTO raw_tickets SELECT * FROM tickets WHERE id IN (?)', [ids]);
    const ticketById = new Map(tickets.map((r) => [Number(r.id), r]));
    const cols = Object.keys(tickets[0]).map((c) => `\`${c}\``);
    const keys = Object.keys(tickets[0]);
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      await conn.beginTransaction();
      const values = batch.map((id) => keys.map((c) => ticketById.get(id)?.[c] ?? null));
      await conn.query(`INSERT INTO raw_tickets (${cols.join(',')}) VALUES ? ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = VALUES(${c})`).join(', ')}`, [
        values,
      ]);
      for (const t of tables) {
        const rows = batch.flatMap((id) => byTable.get(t)?.get(id) ?? []);
        if (!rows.length) continue;
        const tc = Object.keys(rows[0]);
        await conn.query(`INSERT INTO raw_${t} (${tc.map((c) => `\`${c}\``).join(',')}) VALUES ?`, [rows.map((r) => tc.map((c) => r[c]))]);
      }
      await conn.commit();
    }
    return performance.now() - t0;
  } finally {
    for (const t of ['tickets', ...tables]) await conn.query(`DROP TABLE IF EXISTS raw_${t}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-route-bench-'));
  try {
    const config = loadConfig({ ...process.env, HUB_DATA_DIR: dir });
    ensureModel(config);
    console.log(`route bench: an hourly file of ${ROWS} rows, classify jobs of ${BATCH}, ${AT_ONCE} at once, ${ROUNDS} round(s)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const db = await createMysqlDatabase('hubroute');
      try {
        const ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
        await syncDirectory(ds, config);
        await ds.destroy();
        console.log(`  round ${round}`);
        for (let f = 0; f < FILES; f++) {
          if (FILES > 1) console.log(`   file ${f + 1} of ${FILES}`);
          await routeFile(config, db.url, hourlyFile(dir, round * 100_000 + f * ROWS));
        }
      } finally {
        await db.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
