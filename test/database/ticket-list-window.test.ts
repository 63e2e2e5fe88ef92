/**
 * #17 a newest-first page is first looked for among the newest 5,000 tickets: with more tickets
 * than that, the list is the same page after page (matches inside the window, at its edge among
 * tickets received at the same time, and beyond it), with the whole list's total. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, type TicketInboxFilter, TypeOrmTicketInboxRepository } from '@hub/database';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

/** The repository's window (NEWEST_WINDOW in libs/database/src/repositories/newest-window.sql.ts). */
const NEWEST_WINDOW = 5000;
const MINUTE = 60_000;
const D = Date.parse('2026-11-02T00:00:00Z');
const NOW = new Date(D + 86_400_000);
const N = NEWEST_WINDOW + 100;
/** The window's last ticket (the NEWEST_WINDOW-th newest) and its neighbours, all received at one time. */
const EDGE = N - NEWEST_WINDOW + 1;

describe.each(DIALECTS)('newest-first lists past the newest tickets on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hubwindow');
  let ds: DataSource;

  beforeAll(async () => {
    ds = db.ds;
    const received = (id: number) => new Date(D - (N - (id >= EDGE - 1 && id <= EDGE + 1 ? EDGE : id)) * MINUTE);
    const ids = Array.from({ length: N }, (_, i) => i + 1);
    for (let lo = 0; lo < N; lo += 1000) {
      const rows = ids
        .slice(lo, lo + 1000)
        .map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'acknowledged', text: `工单${id}`, receivedAt: received(id) }));
      await insertRows(ds.manager, 'tickets', rows);
    }
    // Overdue: the newest, the window's last and the one just outside it (received at the same time), and the oldest.
    const late = (ticketId: number) => ({ ticketId, stage: 'reply', startAt: new Date(D - 10 * MINUTE), dueAt: new Date(D), status: 'open' });
    await insertRows(ds.manager, 'deadlines', [late(N), late(EDGE), late(EDGE - 1), late(1)]);
  }, 300_000);

  const list = (f: Partial<TicketInboxFilter>, page: number, pageSize: number) =>
    new TypeOrmTicketInboxRepository(ds.manager).page({ scope: null, now: NOW, ...f }, page, pageSize);

  it('pages the overdue tickets newest first across the window and its edge', async () => {
    const pages: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await list({ view: { kind: 'overdue', unitIds: null }, sort: { key: 'received', desc: true } }, page, 2);
      expect(p.total).toBe(4);
      pages.push(...p.rows.map((t) => t.id));
    }
    expect(pages).toEqual([N, EDGE, EDGE - 1, 1]);
    expect((await list({ overdue: true }, 1, 3)).rows.map((t) => t.id)).toEqual([N, EDGE, EDGE - 1]);
  });

  it('reads every ticket newest first, ties at the edge by number, a page in the window, at its end and after it', async () => {
    const at = async (page: number, pageSize: number) => (await list({}, page, pageSize)).rows.map((t) => t.id);
    expect(await at(1, 3)).toEqual([N, N - 1, N - 2]);
    expect(await at(NEWEST_WINDOW / 25, 5)).toEqual([N - 995, N - 996, N - 997, N - 998, N - 999]);
    expect(await at(NEWEST_WINDOW / 5, 5)).toEqual([EDGE + 4, EDGE + 3, EDGE + 2, EDGE + 1, EDGE]);
    expect(await at(NEWEST_WINDOW / 5 + 1, 5)).toEqual([EDGE - 1, EDGE - 2, EDGE - 3, EDGE - 4, EDGE - 5]);
    expect((await list({}, 1, 1)).total).toBe(N);
  });
});
