/**
 * #16 the lookup at scale: text matches are read newest first, as many as the page needs (a
 * bounded batch), never all of them ranked at once. On MariaDB the newest rows are read directly and only older
 * matches come from the FULLTEXT index; a unit user whose tickets are older than a batch of other
 * units' matches still finds its own. On MariaDB and SQLite.
 */
import type { DataSource } from 'typeorm';
import { insertRows, MAX_TEXT_HITS, ticketSearchRow, TypeOrmTicketInboxRepository, TypeOrmTicketSearchRepository } from '@hub/database';
import { lookupKeys, queryWords } from '@hub/domain';
import { DIALECTS, useDialectDatabase } from '@hub/testing';

const COUNT = 2 * MAX_TEXT_HITS + 200;
/** Every ticket leaks; every seventh also has noise, every hundredth a gas leak (texts of one length: SQLite's bm25 ranks them alike). */
const textOf = (id: number) => `楼上卫生间漏水${id % 7 === 0 ? '夜间施工噪音' : '墙面有些发霉'}${id % 100 === 0 ? '燃气管道泄漏' : '请尽快来处理'}`;
const OWN_UNIT = 7;
/** The unit's only ticket, older than two batches of matches. */
const OWN_TICKET = 150;

describe.each(DIALECTS)('the lookup over many tickets on %s', (dialect) => {
  const db = useDialectDatabase(dialect, 'hublookup');
  let ds: DataSource;

  beforeAll(async () => {
    ds = db.ds;
    const ids = Array.from({ length: COUNT }, (_, i) => i + 1);
    const receivedAt = new Date('2026-03-01T02:00:00Z');
    await insertRows(
      ds.manager,
      'tickets',
      ids.map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'closed', text: textOf(id), receivedAt })),
    );
    await insertRows(ds.manager, 'assignments', [
      { ticketId: OWN_TICKET, unitId: OWN_UNIT, role: 'lead', status: 'closed', dispatchedAt: receivedAt },
      { ticketId: OWN_TICKET + 1, unitId: OWN_UNIT + 1, role: 'lead', status: 'closed', dispatchedAt: receivedAt },
    ]);
    await new TypeOrmTicketSearchRepository(ds.manager).index(ids.map((id) => ticketSearchRow({ id, text: textOf(id) })));
  }, 120_000);

  const matching = (words: (id: number) => boolean) => Array.from({ length: COUNT }, (_, i) => COUNT - i).filter(words);

  it('reads a common word newest first, one batch at a time, to the oldest match', async () => {
    // A window of 300 rows on MariaDB: the first batch from the rows themselves, the later ones from FULLTEXT.
    const search = new TypeOrmTicketSearchRepository(ds.manager, 300);
    const seen: number[] = [];
    let page = await search.text(queryWords('漏水'), null, MAX_TEXT_HITS);
    expect(page.hits).toHaveLength(MAX_TEXT_HITS);
    seen.push(...page.hits.map((h) => h.ticketId));
    while (page.more) {
      page = await search.text(queryWords('漏水'), page.before, MAX_TEXT_HITS);
      seen.push(...page.hits.map((h) => h.ticketId));
    }
    expect(seen).toEqual(matching(() => true));
  });

  it('finds every ticket with all the words, the rare ones older than the window too', async () => {
    const search = new TypeOrmTicketSearchRepository(ds.manager, 300);
    const page = await search.text(queryWords('施工噪音 燃气管道泄漏'), null, MAX_TEXT_HITS);
    expect(page.more).toBe(false);
    expect(page.hits.map((h) => h.ticketId)).toEqual(matching((id) => id % 700 === 0));
    // Words in every ticket beside rare ones: the rare ones are looked up, the others checked on what they matched.
    const gas = await search.text(queryWords('楼上卫生间漏水 燃气管道泄漏'), null, MAX_TEXT_HITS);
    expect(gas.hits.map((h) => h.ticketId)).toEqual(matching((id) => id % 100 === 0));
    expect((await search.text(queryWords('噪音 发霉'), null, MAX_TEXT_HITS)).hits).toEqual([]);
    // Words each in many tickets, together in fewer: whichever of them the index is asked for, the others are checked.
    const together = await search.text(queryWords('夜间施工噪音 请尽快来处理'), null, MAX_TEXT_HITS);
    expect(together.hits.map((h) => h.ticketId)).toEqual(matching((id) => id % 7 === 0 && id % 100 !== 0));
  });

  it('lets a unit user find its own ticket behind more than a batch of other units’ matches', async () => {
    const inbox = new TypeOrmTicketInboxRepository(ds.manager);
    const look = (q: string, scopeUnitIds: number[] | null) =>
      inbox.page(
        {
          scope: scopeUnitIds && { rootUnitId: scopeUnitIds[0] ?? -1, unitIds: scopeUnitIds, regions: [] },
          now: new Date(),
          search: { keys: lookupKeys('QH', q), words: queryWords(q), personal: scopeUnitIds === null },
        },
        1,
        20,
      );
    const own = await look('卫生间漏水', [OWN_UNIT]);
    expect(own.rows.map((t) => t.id)).toEqual([OWN_TICKET]);
    const desk = await look('卫生间漏水', null);
    expect(desk.rows.map((t) => t.id)).toEqual(matching(() => true).slice(0, 20));
    // The desk is told there are more matches than the page (更多结果), not a count of them all.
    expect(desk).toMatchObject({ total: 20, more: true });
    const third = await inbox.page(
      { scope: null, now: new Date(), search: { keys: lookupKeys('QH', '漏水'), words: queryWords('漏水'), personal: true } },
      3,
      20,
    );
    expect(third.rows.map((t) => t.id)).toEqual(matching(() => true).slice(40, 60));
  });
});
