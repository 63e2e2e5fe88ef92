import type { EntityManager } from 'typeorm';
import { isMysqlFamily } from '../insert-rows';

/** Rows read before the words' frequencies are trusted to choose between reading on and the index. */
const FIRST_ROWS = 500;
/** What InnoDB's FULLTEXT spends per match of its rarest word, in rows read here in the same time (measured at 1M tickets). */
const INDEX_COST_PER_MATCH = 6;
/** The most rows read at once (a chunk past the page's last match is read for nothing). */
const MAX_CHUNK = 16_000;

/**
 * Whether FULLTEXT would find the missing matches sooner than reading on: it reads the whole list of
 * its rarest word (as frequent as in the rows read, over the `upper` older ids), reading on needs
 * as many rows as the matches so far say (half a match when there is none).
 */
function indexIsCheaper(seen: number[], read: number, found: number, limit: number, upper: number | null): boolean {
  const older = upper ?? 0;
  const indexCost = (Math.min(...seen) / read) * older * INDEX_COST_PER_MATCH;
  const readCost = ((limit - found) * read) / Math.max(found, 0.5);
  return indexCost <= readCost;
}

/**
 * The newest tickets whose words include every one of `words`, newest first, at most `limit`,
 * only those below `before` (null: from the newest). Neither engine is asked for all the matches:
 *
 * - SQLite: FTS5 walks its lists in rowid order, so `ORDER BY rowid DESC LIMIT n` stops at the
 *   n-th match.
 * - MariaDB/MySQL: InnoDB's FULLTEXT reads every match of every word before it returns one (about
 *   4 s for a word in 1 of 16 of a million tickets), however few are wanted. So the newest rows
 *   are read first, in key order, in growing chunks, and their words checked here: a common word
 *   fills the page within a few hundred rows. FULLTEXT is asked for the older matches when it is
 *   the cheaper way (a word rare or missing in the rows read: a short list; see indexIsCheaper) or
 *   after `recentRows` rows, and then for the three words rarest in the rows read (the others
 *   checked on its matches): at a million tickets, three lists intersected cost 0.1-0.5 s where the
 *   rarest alone (every match fetched) or every word (the longest lists) cost 1.3-4 s.
 */
export async function newestTextMatches(m: EntityManager, words: string[], before: number | null, limit: number, recentRows: number): Promise<number[]> {
  if (!words.length || limit <= 0) return [];
  if (!isMysqlFamily(m)) {
    const rows = (await m.query(
      `SELECT rowid AS id FROM ticket_search_fts WHERE ticket_search_fts MATCH ? ${before === null ? '' : 'AND rowid < ?'} ORDER BY rowid DESC LIMIT ${Math.floor(limit)}`,
      [words.map((w) => `"${w}"`).join(' AND '), ...(before === null ? [] : [before])],
    )) as Array<{ id: number | string }>;
    return rows.map((r) => Number(r.id));
  }
  const found: number[] = [];
  /** How many of the rows read had each word. */
  const seen = words.map(() => 0);
  const needles = words.map((w) => ` ${w} `);
  let upper = before;
  let read = 0;
  let chunk = 500;
  while (read < recentRows && !(read >= FIRST_ROWS && indexIsCheaper(seen, read, found.length, limit, upper))) {
    const size = Math.min(chunk, recentRows - read);
    const rows = (await m.query(
      `SELECT ticketId AS id, CONCAT(' ', words, ' ') AS words FROM ticket_search ${upper === null ? '' : 'WHERE ticketId < ?'} ORDER BY ticketId DESC LIMIT ${size}`,
      upper === null ? [] : [upper],
    )) as Array<{ id: number | string; words: string }>;
    for (const r of rows) {
      let all = true;
      for (let i = 0; i < needles.length; i++) {
        if (r.words.includes(needles[i])) seen[i]++;
        else all = false;
      }
      if (all) found.push(Number(r.id));
      if (found.length >= limit) return found;
    }
    read += rows.length;
    if (rows.length < size) return found; // the oldest row was read
    upper = Number(rows[rows.length - 1].id);
    chunk = Math.min(chunk * 4, MAX_CHUNK);
  }
  // The three words rarest in what was read go to the index, which intersects their lists before it reads a row (a word in
  // most rows only makes its lists longer); the others are checked on the rows it matched.
  const count = new Map(words.map((w, i) => [w, seen[i]]));
  const byRarity = [...words].sort((a, b) => count.get(a)! - count.get(b)!);
  const rare = byRarity.filter((w, i) => i === 0 || count.get(w)! <= read / 2).slice(0, 3);
  const rest = words.filter((w) => !rare.includes(w));
  const older = (await m.query(
    `SELECT ticketId AS id FROM ticket_search WHERE MATCH(words) AGAINST (? IN BOOLEAN MODE) ${upper === null ? '' : 'AND ticketId < ?'}
     ${rest.map(() => `AND INSTR(CAST(CONCAT(' ', words, ' ') AS BINARY), ?) > 0`).join(' ')}
     ORDER BY ticketId DESC LIMIT ${Math.floor(limit - found.length)}`,
    [rare.map((w) => `+${w}`).join(' '), ...(upper === null ? [] : [upper]), ...rest.map((w) => ` ${w} `)],
  )) as Array<{ id: number | string }>;
  return [...found, ...older.map((r) => Number(r.id))];
}
