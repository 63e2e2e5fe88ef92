/**
 * Scoped desks at scale (issue #21): a scope's list total, count and version count exactly the
 * tickets of the one predicate (ticketScopeCondition) — every combination of desk, assignments
 * (several of the scope's on one ticket counted once), dispatch and region; and the operator's
 * task list applies the scope before its 200-row limit. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, TypeOrmAdminViewsRepository, TypeOrmTicketInboxRepository, TypeOrmTicketRepository } from '@hub/database';
import { type TicketScope, ticketInScope } from '@hub/domain';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

const IN = 10;
const IN_CHILD = 11;
const OUT = 20;
const scope: TicketScope = { rootUnitId: IN, unitIds: [IN, IN_CHILD], regions: ['东湖区'] };

interface Case {
  id: number;
  deskUnitId: number | null;
  region: string;
  dispatched: boolean;
  assignedUnitIds: number[];
}

/** Every combination of the three branches, assignments to none, one or both of the scope's units (and to another unit). */
function cases(): Case[] {
  const out: Case[] = [];
  let id = 0;
  for (const deskUnitId of [null, IN, IN_CHILD, OUT])
    for (const region of ['东湖区', '西岭区'])
      for (const dispatched of [false, true])
        for (const assignedUnitIds of [[], [OUT], [IN], [IN, IN_CHILD], [OUT, IN_CHILD]])
          out.push({ id: ++id, deskUnitId, region, dispatched, assignedUnitIds });
  return out;
}

describe.each(DIALECTS)('scoped totals and tasks on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hubscopeq');
  let ds: DataSource;
  const all = cases();
  const expected = all.filter((c) => ticketInScope(scope, c)).map((c) => c.id);
  const receivedAt = new Date('2026-03-01T02:00:00Z');

  beforeAll(async () => {
    ds = db.ds;
    await insertRows(
      ds.manager,
      'tickets',
      all.map((c) => ({
        id: c.id,
        sourceId: 1,
        channel: 'hotline',
        status: c.dispatched ? 'dispatched' : 'received',
        text: '诉求',
        receivedAt,
        region: c.region,
        deskUnitId: c.deskUnitId,
        dispatchedAt: c.dispatched ? receivedAt : null,
      })),
    );
    await insertRows(
      ds.manager,
      'assignments',
      all.flatMap((c) => c.assignedUnitIds.map((unitId) => ({ ticketId: c.id, unitId, role: 'lead', status: 'active', dispatchedAt: receivedAt }))),
    );
  }, 120_000);

  it('counts exactly the tickets of the scope predicate in the list total, the count and the version', async () => {
    expect(expected.length).toBeGreaterThan(20);
    expect(all.length - expected.length).toBeGreaterThan(10);
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const filter = { scope, now: new Date() };
    const page = await inbox.page(filter, 1, 500);
    expect(page.rows.map((t) => t.id).sort((a, b) => a - b)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(await inbox.count(filter)).toBe(expected.length);
    const version = await inbox.version(filter);
    expect(version.count).toBe(expected.length);
    expect(version.latestId).toBe(Math.max(...expected));
    // A view narrows every part alike.
    const triage = { ...filter, view: { kind: 'statuses' as const, statuses: ['received'] } };
    const triageIds = all.filter((c) => !c.dispatched && expected.includes(c.id)).map((c) => c.id);
    const inTriage = triageIds.length;
    expect(await inbox.count(triage)).toBe(inTriage);
    expect(await inbox.version(triage)).toMatchObject({ count: inTriage, latestId: Math.max(...triageIds) });
    expect((await inbox.page(triage, 1, 1)).total).toBe(inTriage);
    expect((await inbox.page({ ...triage, statuses: ['received', 'dispatched'] }, 1, 1)).total).toBe(inTriage);
    // Several statuses: each of them on each branch (desk, assignments, region), whatever its place in the list.
    const inDispatch = expected.length - inTriage;
    const statuses = (...list: string[]) => ({ ...filter, view: { kind: 'statuses' as const, statuses: list } });
    expect(await inbox.count(statuses('accepted', 'dispatched', 'returned'))).toBe(inDispatch);
    expect((await inbox.page(statuses('returned', 'received', 'accepted', 'dispatched'), 1, 1)).total).toBe(expected.length);
    expect(await inbox.version(statuses('accepted', 'received'))).toMatchObject({ count: inTriage, latestId: Math.max(...triageIds) });
    // A scope of more units than one branch's IN list holds (a district's 300 and more) counts the same tickets.
    const wide = { ...filter, scope: { ...scope, unitIds: [...Array.from({ length: 450 }, (_, i) => 1000 + i), IN, IN_CHILD] } };
    expect((await inbox.page(wide, 1, 1)).total).toBe(expected.length);
    expect((await inbox.page({ ...wide, view: triage.view }, 1, 1)).total).toBe(inTriage);
    expect(await inbox.count({ ...wide, view: { kind: 'statuses', statuses: ['returned', 'dispatched', 'received'] } })).toBe(expected.length);
    // Unscoped: every ticket.
    expect((await inbox.page({ scope: null, now: new Date() }, 1, 1)).total).toBe(all.length);
  });

  it("counts a scope's overdue tickets (超期督办), of all units and of the view's", async () => {
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const now = new Date('2026-06-01T00:00:00Z');
    const at = (dueAt: Date, status: string, unitId: number, ticketId: number) => ({ ticketId, unitId, stage: 'reply', startAt: receivedAt, dueAt, status });
    // Every third ticket has an open deadline past due (the scope's unit's on odd ids), every fifth one not yet due, every seventh one met late.
    await insertRows(
      ds.manager,
      'deadlines',
      all.flatMap((c) => [
        ...(c.id % 3 === 0 ? [at(new Date('2026-05-01T00:00:00Z'), 'open', c.id % 2 ? IN : OUT, c.id)] : []),
        ...(c.id % 5 === 0 ? [at(new Date('2026-07-01T00:00:00Z'), 'open', IN, c.id)] : []),
        ...(c.id % 7 === 0 ? [at(new Date('2026-05-01T00:00:00Z'), 'met', IN, c.id)] : []),
      ]),
    );
    const overdue = expected.filter((id) => id % 3 === 0);
    const anyUnit = { scope, now, view: { kind: 'overdue' as const, unitIds: null } };
    const own = { scope, now, view: { kind: 'overdue' as const, unitIds: [IN] } };
    expect(overdue.length).toBeGreaterThan(5);
    expect(await inbox.count(anyUnit)).toBe(overdue.length);
    expect((await inbox.page(anyUnit, 1, 500)).rows.map((t) => t.id).sort((a, b) => a - b)).toEqual(overdue);
    expect((await inbox.page(anyUnit, 1, 1)).total).toBe(overdue.length);
    expect(await inbox.count(own)).toBe(overdue.filter((id) => id % 2).length);
    expect((await inbox.version(own)).count).toBe(overdue.filter((id) => id % 2).length);
  });

  it("lists a scope's tasks even when more than 200 tasks of other tickets fall due before them", async () => {
    const outside = all.filter((c) => !expected.includes(c.id));
    const early = new Date('2026-03-02T00:00:00Z').getTime();
    const rows = Array.from({ length: 210 }, (_, i) => ({
      ticketId: outside[i % outside.length].id,
      kind: 'callback',
      round: Math.floor(i / outside.length) + 1,
      status: 'open',
      dueAt: new Date(early + i * 60_000),
    }));
    rows.push({ ticketId: expected[0], kind: 'follow_up', round: 1, status: 'open', dueAt: new Date('2026-04-01T00:00:00Z') });
    await insertRows(ds.manager, 'tasks', rows);
    const views = new TypeOrmAdminViewsRepository(ds.manager);
    const scoped = await views.tasks(null, 'open', 200, scope);
    expect(scoped.map((t) => t.ticketId)).toEqual([expected[0]]);
    const unscoped = await views.tasks(null, 'open', 200, null);
    expect(unscoped).toHaveLength(200);
    expect(unscoped.map((t) => t.ticketId)).not.toContain(expected[0]);
  });

  it("keeps a scope's triage total as tickets change status and gain assignments", async () => {
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const triage = { scope, now: new Date(), view: { kind: 'statuses' as const, statuses: ['received', 'returned'] } };
    const before = (await inbox.page(triage, 1, 1)).total;
    // Returned: a ticket the scope sees only through its assignment enters the triage; one outside it does not.
    const byAssignment = all.find((c) => c.dispatched && c.deskUnitId === OUT && c.region === '西岭区' && c.assignedUnitIds.join() === String(IN))!;
    const outside = all.find((c) => c.dispatched && c.deskUnitId === OUT && c.region === '西岭区' && c.assignedUnitIds.join() === String(OUT))!;
    const tickets = new TypeOrmTicketRepository(ds.manager);
    await tickets.update(byAssignment.id, { status: 'returned' });
    await tickets.update(outside.id, { status: 'returned' });
    expect((await inbox.page(triage, 1, 1)).total).toBe(before + 1);
    // A received ticket outside the scope given to one of its units enters it.
    const received = all.find((c) => !c.dispatched && c.deskUnitId === OUT && c.region === '西岭区' && !c.assignedUnitIds.length)!;
    await insertRows(ds.manager, 'assignments', [{ ticketId: received.id, unitId: IN_CHILD, role: 'lead', status: 'active', dispatchedAt: receivedAt }]);
    expect((await inbox.page(triage, 1, 1)).total).toBe(before + 2);
    // Dispatched again: it leaves the triage.
    await tickets.update(byAssignment.id, { status: 'dispatched' });
    expect((await inbox.page(triage, 1, 1)).total).toBe(before + 1);
    expect(await inbox.count(triage)).toBe(before + 1);
    expect((await inbox.version(triage)).count).toBe(before + 1);
  });
});
