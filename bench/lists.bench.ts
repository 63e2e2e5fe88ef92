// Every list the console opens, at N tickets (default 1,000,000; the data of bench:desk, see
// desk-data.ts): 待分拨, 待签收, 即将超期, 超期督办 by lateness, 工单查询 with filters, each sorted by due
// time and by another column, for a supervisor (every ticket) and for unit users (the busiest unit,
// about a fifth of all tickets, and a small one). Each list goes through the API's own query parsing
// and filter (listQuery, inboxFilter) to the repository's page, as GET /api/tickets does; median and
// p95 of the page read, its total, and the header's counts.
// Build, then: node dist/bench/lists.bench.js [--tickets N] [--db mysql|sqlite] [--database NAME] [--rounds R]
import 'reflect-metadata';
import type { SessionUser } from '@hub/auth';
import { TypeOrmTicketInboxRepository } from '@hub/database';
import { inboxFilter } from '../apps/api/src/tickets/ticket-inbox-filter';
import { listQuery } from '../apps/api/src/tickets/ticket-list-query';
import { arg, BENCH_NOW, buildDesk, msSince, now, openBench, UNITS } from './desk-data';

const user = (role: SessionUser['role'], unitIds: number[]): SessionUser => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  unitIds,
  units: unitIds.map((id) => ({ id, name: `单位${id}` })),
  mustChangePassword: false,
  scopeUnitId: null,
  scope: null,
});

/** Each list as the console asks for it (the query string), the second sort of each one a column other than the deadline. */
const LISTS: Array<[string, string]> = [
  ['待分拨 (triage)', 'view=triage&sort=due'],
  ['待分拨 (triage)', 'view=triage&sort=-received'],
  ['待签收 (pending_ack)', 'view=pending_ack&sort=due'],
  ['待签收 (pending_ack)', 'view=pending_ack&sort=-urgency'],
  ['办理中 (in_progress)', 'view=in_progress&sort=due'],
  ['办理中 (in_progress)', 'view=in_progress&sort=category'],
  ['即将超期 (due_soon)', 'view=due_soon&sort=due'],
  ['即将超期 (due_soon)', 'view=due_soon&sort=unit'],
  ['超期督办 (overdue)', 'view=overdue&sort=-lateness'],
  ['超期督办 (overdue)', 'view=overdue&sort=-received'],
  ['超期督办 (overdue), one unit', 'view=overdue&sort=-lateness&unit=7'],
  ['工单查询 (all)', 'sort=-received'],
  ['工单查询 (all)', 'sort=due'],
  ['工单查询, category + region', 'category=城乡建设&region=东湖区&sort=due'],
  ['工单查询, category + region', 'category=城乡建设&region=东湖区&sort=-received'],
  ['工单查询, status + period', 'status=acknowledged,extension_requested&from=2026-11-01&to=2026-11-30&sort=due'],
  ['工单查询, status + period', 'status=acknowledged,extension_requested&from=2026-11-01&to=2026-11-30&sort=status'],
  ['工单查询, overdue filter', 'overdue=true&sort=-lateness'],
  ['工单查询, overdue filter', 'overdue=true&sort=region'],
  ['工单查询, last page-ish (page 50)', 'sort=-received&page=50'],
];

const USERS: Array<[string, SessionUser]> = [
  ['supervisor (every ticket)', user('supervisor', [])],
  ['unit 1 (busiest, ~1/5 of tickets)', user('unit', [1])],
  [`unit ${UNITS - 10} (small)`, user('unit', [UNITS - 10])],
];

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const n = Number(arg('tickets', '1000000'));
  const dialect = arg('db', 'mysql');
  const rounds = Number(arg('rounds', '9'));
  const only = arg('only', '');
  const { ds, built, close } = await openBench(dialect);
  const m = ds.manager;
  const out: Record<string, unknown> = { tickets: n, db: dialect, now: BENCH_NOW.toISOString() };
  try {
    if (built) out.reused = arg('database', '');
    else Object.assign(out, await buildDesk(m, n));
    const inbox = new TypeOrmTicketInboxRepository(m);
    const lists: Record<string, unknown> = {};
    let worst = 0;
    for (const [who, u] of USERS) {
      const mine: Record<string, unknown> = {};
      for (const [name, qs] of LISTS) {
        if (u.role === 'unit' && qs.startsWith('view=triage')) continue; // not a unit's list
        if (only && !qs.includes(only)) continue;
        const raw = Object.fromEntries(new URLSearchParams(qs));
        const q = listQuery(raw);
        const filter = inboxFilter(u, q, BENCH_NOW, 'QH');
        let total = 0;
        const times: number[] = [];
        try {
          for (let i = 0; i <= rounds; i++) {
            const s = now();
            total = (await inbox.page(filter, q.page ?? 1, q.pageSize ?? 20)).total;
            if (i > 0) times.push(msSince(s)); // the first warms the buffer pool
          }
        } catch (e) {
          mine[`${name}: ${qs}`] = { error: (e as Error).message.slice(0, 200) };
          continue;
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)];
        const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)];
        worst = Math.max(worst, p95);
        mine[`${name}: ${qs}`] = { medianMs: Math.round(median * 10) / 10, p95Ms: Math.round(p95 * 10) / 10, total };
      }
      lists[who] = mine;
    }
    out.lists = lists;
    out.worstP95Ms = Math.round(worst * 10) / 10;
  } finally {
    console.log(JSON.stringify(out, null, 2));
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
