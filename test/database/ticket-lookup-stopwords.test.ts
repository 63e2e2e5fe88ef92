/**
 * #16 outside check: a Latin word of a query whose hub word is one of InnoDB's default stopwords
 * (`as` is written `was`; so are ho → who, ww → www, ill → will, ith → with, hat → what, hen →
 * when, here → where). InnoDB's FULLTEXT has no entries for them and `+was` matches nothing, so
 * they must never be asked of it: on MariaDB, the older matches of `as 漏水` were missed once the
 * lookup turned to FULLTEXT.
 */
import type { DataSource } from 'typeorm';
import { insertRows, ticketSearchRow, TypeOrmTicketSearchRepository } from '@hub/database';
import { queryWords } from '@hub/domain';
import { useDialectDatabase } from '@hub/testing';

const COUNT = 6000;
const WINDOW = 300;
/**
 * `as` rare among the newest 300 tickets (1 in 100) and in half the older ones, 漏水 in a third,
 * together only in two old tickets: the walk of `as`'s list (the rarest in the newest rows) finds
 * none in its first stretch, and FULLTEXT is asked for the older ones.
 */
const together = (id: number) => id === 300 || id === 900;
const hasAs = (id: number) => (id > COUNT - WINDOW ? id % 100 === 0 : id % 2 === 0);
const textOf = (id: number) =>
  together(id) ? '车牌AS号，楼上漏水' : hasAs(id) ? `车牌AS号，路灯不亮${id}` : id % 3 === 0 ? `楼上漏水${id}号楼` : `噪音扰民${id}`;

describe('a query word InnoDB takes for a stopword, on MariaDB', () => {
  let ds: DataSource;
  const db = useDialectDatabase('MariaDB', 'rlookupstop');
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
    // A window of 300 rows: the older matches come from the lists or FULLTEXT.
    search = new TypeOrmTicketSearchRepository(ds.manager, WINDOW);
  }, 120_000);

  it('finds every ticket with `as` and 漏水, newest first', async () => {
    expect(queryWords('AS')).toEqual(['was']);
    const want = Array.from({ length: COUNT }, (_, i) => COUNT - i).filter(together);
    expect(await all('as 漏水')).toEqual(want);
    expect(await all('漏水 AS')).toEqual(want);
    // `as` alone: FULLTEXT has none of its words, its list is walked to the end.
    expect(await all('AS')).toEqual(Array.from({ length: COUNT }, (_, i) => COUNT - i).filter((id) => together(id) || hasAs(id)));
  });
});
