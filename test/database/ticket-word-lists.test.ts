/**
 * #16 words each common, together rare: on MariaDB the older matches come from the hub's own
 * posting lists (ticket_words), the rarest word's list walked newest first and the others probed,
 * stopping at the page. Here the FULLTEXT index is dropped, so every older match must come from
 * those lists: written with each ticket's lookup row, changed when a ticket's words change, and
 * filled by the migration for rows written before it.
 */
import type { DataSource } from 'typeorm';
import { backfillTicketWords, insertRows, ticketSearchRow, TypeOrmTicketSearchRepository } from '@hub/database';
import { queryWords } from '@hub/domain';
import { useDialectDatabase } from '@hub/testing';

const COUNT = 3000;
/** Each part common (1/3, 1/4, 1/5 of tickets), all three together in 1 of 60. */
const textOf = (id: number) =>
  `市民反映${id % 3 === 0 ? '桃园小区' : '湖滨新村'}${id % 4 === 0 ? '楼上漏水' : '路灯不亮'}，已持续${id % 5 === 0 ? '25天' : '3天'}。`;
const newestFirst = (keep: (id: number) => boolean) => Array.from({ length: COUNT }, (_, i) => COUNT - i).filter(keep);
const together = (id: number) => id % 60 === 0;

describe('the lookup of words rare together on MariaDB', () => {
  let ds: DataSource;
  const db = useDialectDatabase('MariaDB', 'hubwordlists');
  /** A window of 300 rows: the older matches are not read from the rows themselves. */
  let search: TypeOrmTicketSearchRepository;
  const all = async (q: string) => {
    const seen: number[] = [];
    let page = await search.text(queryWords(q), null, 20);
    seen.push(...page.hits.map((h) => h.ticketId));
    while (page.more) {
      page = await search.text(queryWords(q), page.before, 20);
      seen.push(...page.hits.map((h) => h.ticketId));
    }
    return seen;
  };

  beforeAll(async () => {
    ds = db.ds;
    const ids = Array.from({ length: COUNT }, (_, i) => i + 1);
    const receivedAt = new Date('2026-03-01T02:00:00Z');
    await insertRows(
      ds.manager,
      'tickets',
      ids.map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'closed', text: textOf(id), receivedAt })),
    );
    await new TypeOrmTicketSearchRepository(ds.manager).index(ids.map((id) => ticketSearchRow({ id, text: textOf(id) })));
    await ds.query('ALTER TABLE ticket_search DROP INDEX ft_ticket_search_words');
    search = new TypeOrmTicketSearchRepository(ds.manager, 300);
  }, 120_000);

  it('finds every ticket with all the words, newest first, page by page', async () => {
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst(together));
    // `3` is a word of two characters (w3), under InnoDB's minimum token size: FULLTEXT has no entries for it, the lists have.
    expect(await all('湖滨新村 路灯 3天')).toEqual(newestFirst((id) => id % 3 !== 0 && id % 4 !== 0 && id % 5 !== 0));
    // Common words never together: nothing, once the rarer one's list is read.
    expect(await all('漏水 路灯')).toEqual([]);
    // One common word: its list, newest first, past the window.
    expect(await all('湖滨新村')).toEqual(newestFirst((id) => id % 3 !== 0));
  });

  it('follows a ticket whose words change, and no longer finds it by the words it lost', async () => {
    const id = 120; // one of the 50 rare matches, older than the window
    await search.index([ticketSearchRow({ id, text: '市民反映湖滨新村楼上漏水，已持续25天。' })]);
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst((t) => together(t) && t !== id));
    expect(await all('湖滨新村 漏水 25天')).toContain(id);
    await search.index([ticketSearchRow({ id, text: textOf(id) })]);
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst(together));
    // Rebuilt from the ticket (the search sweep, the index job): the words it lost leave their lists.
    await ds.query('UPDATE tickets SET text = ? WHERE id = ?', ['市民反映湖滨新村楼上漏水，已持续25天。', id]);
    await search.reindex([id]);
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst((t) => together(t) && t !== id));
    const lost = queryWords('桃园小区');
    const [listed] = (await ds.query(`SELECT COUNT(*) AS n FROM ticket_words WHERE ticketId = ? AND word IN (${lost.map(() => '?').join(',')})`, [
      id,
      ...lost,
    ])) as Array<{ n: number | string }>;
    expect(Number(listed.n)).toBe(0);
    await ds.query('UPDATE tickets SET text = ? WHERE id = ?', [textOf(id), id]);
    await search.reindex([id]);
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst(together));
  });

  it('does not find a ticket by a list entry its lookup row does not have (two rewrites of it at once)', async () => {
    const id = 20; // 楼上漏水 and 25天, but 湖滨新村
    const stale = queryWords('桃园小区');
    await ds.query(
      `INSERT IGNORE INTO ticket_words (word, ticketId) VALUES ${stale.map(() => '(?, ?)').join(',')}`,
      stale.flatMap((w) => [w, id]),
    );
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst(together));
  });

  it('finds the tickets whose lookup rows were written before the lists (the migration fills them)', async () => {
    await ds.query('DELETE FROM ticket_words');
    // Only the window's rows (the newest 300) are read then.
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst((id) => together(id) && id > COUNT - 300));
    await backfillTicketWords(ds.manager, 700);
    expect(await all('桃园小区 漏水 25天')).toEqual(newestFirst(together));
    expect(await all('湖滨新村')).toEqual(newestFirst((id) => id % 3 !== 0));
  });
});
