/**
 * #17 lists sorted by due time or lateness: the tickets with such a deadline first in its order,
 * then the others newest first, page after page across the boundary between the two, with the
 * list's total. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, type TicketSortKey, TypeOrmTicketInboxRepository } from '@hub/database';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

const DAY = 86_400_000;
const D = Date.parse('2026-11-02T00:00:00Z');
const NOW = new Date(D + 4 * DAY);

describe.each(DIALECTS)('lists sorted by a deadline on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hubsort');
  let ds: DataSource;

  beforeAll(async () => {
    ds = db.ds;
    // Tickets 1-7 received in id order; 5 and 2 have running deadlines, 6 a paused one already passed, 3 only a met one.
    await insertRows(
      ds.manager,
      'tickets',
      [1, 2, 3, 4, 5, 6, 7].map((id) => ({
        id,
        sourceId: 1,
        channel: 'hotline',
        status: 'acknowledged',
        text: `工单${id}`,
        receivedAt: new Date(D - (10 - id) * DAY),
      })),
    );
    const deadline = (ticketId: number, dueInDays: number, extra: Record<string, unknown> = {}) => ({
      ticketId,
      stage: 'reply',
      startAt: new Date(D - 10 * DAY),
      dueAt: new Date(D + dueInDays * DAY),
      status: 'open',
      pausedAt: null,
      ...extra,
    });
    await insertRows(ds.manager, 'deadlines', [
      deadline(2, 5),
      deadline(5, 1),
      deadline(5, 7),
      deadline(6, 3, { pausedAt: new Date(D) }),
      deadline(3, 0, { status: 'met' }),
    ]);
    // Unit 3 was given tickets 2 and 4 (4 twice: returned, then given again); unit 4 ticket 5.
    const given = (ticketId: number, unitId: number, status: string) => ({ ticketId, unitId, role: 'lead', status, dispatchedAt: new Date(D - 5 * DAY) });
    await insertRows(ds.manager, 'assignments', [given(2, 3, 'active'), given(4, 3, 'returned'), given(4, 3, 'active'), given(5, 4, 'active')]);
  }, 120_000);

  const list = async (key: TicketSortKey, desc: boolean, page: number, pageSize: number) =>
    new TypeOrmTicketInboxRepository(ds.manager).page({ scope: null, now: NOW, sort: { key, desc } }, page, pageSize);
  const ids = async (key: TicketSortKey, desc: boolean, pageSize = 3) => {
    const all: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const p = await list(key, desc, page, pageSize);
      expect(p.total).toBe(7);
      all.push(...p.rows.map((t) => t.id));
    }
    return all;
  };

  it('puts the next running deadline first (a paused one does not run), then the rest newest first, on every page', async () => {
    expect(await ids('due', false)).toEqual([5, 2, 7, 6, 4, 3, 1]);
    expect(await ids('due', true)).toEqual([2, 5, 7, 6, 4, 3, 1]);
    expect(await ids('due', false, 1)).toEqual([5, 2, 7, 6]);
    expect((await list('due', false, 2, 1)).rows.map((t) => t.id)).toEqual([2]);
    expect((await list('due', false, 3, 1)).rows.map((t) => t.id)).toEqual([7]);
  });

  it('puts the most overdue first with -lateness and the least late first with lateness', async () => {
    expect(await ids('lateness', true)).toEqual([5, 6, 7, 4, 3, 2, 1]);
    expect(await ids('lateness', false)).toEqual([6, 5, 7, 4, 3, 2, 1]);
    expect((await list('lateness', true, 3, 3)).rows.map((t) => t.id)).toEqual([1]);
    expect((await list('lateness', true, 5, 3)).rows).toEqual([]);
    // 超期督办: the tickets with a passed open deadline, counted once each.
    const overdue = await new TypeOrmTicketInboxRepository(ds.manager).page(
      { scope: null, now: NOW, view: { kind: 'overdue', unitIds: null }, sort: { key: 'lateness', desc: true } },
      1,
      20,
    );
    expect(overdue).toMatchObject({ total: 2, rows: [{ id: 5 }, { id: 6 }] });
    // 工单查询's overdue filter in another order: the same tickets, counted once each, whole rows in the page's order.
    const filtered = await new TypeOrmTicketInboxRepository(ds.manager).page(
      { scope: null, now: NOW, overdue: true, sort: { key: 'number', desc: false } },
      1,
      20,
    );
    expect(filtered).toMatchObject({
      total: 2,
      rows: [
        { id: 5, text: '工单5' },
        { id: 6, text: '工单6' },
      ],
    });
    const second = await new TypeOrmTicketInboxRepository(ds.manager).page({ scope: null, now: NOW, overdue: true }, 2, 1);
    expect(second).toMatchObject({ total: 2, rows: [{ id: 5, status: 'acknowledged' }] });
  });

  it("reads a unit user's own tickets only, each once, in either order", async () => {
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const own = (sort?: { key: TicketSortKey; desc: boolean }) => inbox.page({ scope: { rootUnitId: 3, unitIds: [3], regions: [] }, now: NOW, sort }, 1, 20);
    expect(await own()).toMatchObject({ total: 2, rows: [{ id: 4 }, { id: 2 }] });
    expect(await own({ key: 'due', desc: false })).toMatchObject({ total: 2, rows: [{ id: 2 }, { id: 4 }] });
    expect(await inbox.page({ scope: { rootUnitId: -1, unitIds: [], regions: [] }, now: NOW }, 1, 20)).toEqual({ rows: [], total: 0 });
  });

  it('reads each page of the earliest deadlines first as the whole list orders them, ties at the page end included', async () => {
    // Tickets 8 and 9 (newer than 5) due when 5 is: the three tie on the key; a deadline of no ticket is due before them all.
    await insertRows(
      ds.manager,
      'tickets',
      [8, 9].map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'acknowledged', text: `工单${id}`, receivedAt: new Date(D - ((9 - id) * DAY) / 2) })),
    );
    const due = (ticketId: number, days: number) => ({
      ticketId,
      stage: 'reply',
      startAt: new Date(D - 10 * DAY),
      dueAt: new Date(D + days * DAY),
      status: 'open',
    });
    await insertRows(ds.manager, 'deadlines', [due(8, 1), due(9, 1), due(99, 0.5)]);
    const whole = await list('due', false, 1, 20);
    expect(whole.rows.map((t) => t.id)).toEqual([9, 8, 5, 2, 7, 6, 4, 3, 1]);
    for (const size of [1, 2, 4]) {
      const pages: number[] = [];
      for (let page = 1; page <= Math.ceil(9 / size); page++) {
        const p = await list('due', false, page, size);
        expect(p.total).toBe(9);
        pages.push(...p.rows.map((t) => t.id));
      }
      expect([size, pages]).toEqual([size, [9, 8, 5, 2, 7, 6, 4, 3, 1]]);
    }
  });

  it("counts a unit user's unfiltered list once per ticket: given to its unit, held on its desk, or both", async () => {
    await ds.manager.query('UPDATE tickets SET deskUnitId = 3 WHERE id IN (1, 2)');
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const own = await inbox.page({ scope: { rootUnitId: 3, unitIds: [3], regions: [] }, now: NOW }, 1, 20);
    expect(own).toMatchObject({ total: 3, rows: [{ id: 4 }, { id: 2 }, { id: 1 }] });
    expect((await inbox.page({ scope: { rootUnitId: 4, unitIds: [3, 4], regions: [] }, now: NOW }, 1, 1)).total).toBe(4);
    // Its overdue ones: 6 (a passed deadline, held on its desk) and 5 (given to unit 4, a passed and a running deadline) once each.
    await ds.manager.query('UPDATE tickets SET deskUnitId = 3 WHERE id = 6');
    const late = (unitIds: number[]) => inbox.page({ scope: { rootUnitId: unitIds[0], unitIds, regions: [] }, now: NOW, overdue: true }, 1, 20);
    expect(await late([3])).toMatchObject({ total: 1, rows: [{ id: 6 }] });
    expect(await late([3, 4])).toMatchObject({ total: 2, rows: [{ id: 6 }, { id: 5 }] });
    expect(await late([4])).toMatchObject({ total: 1, rows: [{ id: 5 }] });
  });
});
