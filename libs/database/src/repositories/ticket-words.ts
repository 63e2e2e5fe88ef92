import type { EntityManager } from 'typeorm';

/**
 * MariaDB/MySQL: the hub's own posting lists (`ticket_words`, primary key (word, ticketId)), one
 * row per word of a ticket's `ticket_search.words`, written with it. InnoDB's FULLTEXT reads every
 * entry of every word it is asked for before it answers; these lists are read newest first and
 * stop at the page: the rarest word's tickets are walked down from the newest, each probed for the
 * other words by primary key (see walkTicketWords). SQLite's FTS5 already stops at the page: it has
 * no such table.
 */

/** Writes the words of these tickets; `old`: the words each had before (a rewrite), so only the changes are written. */
export async function writeTicketWords(m: EntityManager, rows: Array<{ ticketId: number; words: string }>, old: ReadonlyMap<number, string>): Promise<void> {
  const added: Array<[string, number]> = [];
  for (const r of rows) {
    const before = new Set(splitWords(old.get(r.ticketId) ?? ''));
    const now = new Set(splitWords(r.words));
    const gone = [...before].filter((w) => !now.has(w));
    if (gone.length) await m.query(`DELETE FROM ticket_words WHERE ticketId = ? AND word IN (${gone.map(() => '?').join(',')})`, [r.ticketId, ...gone]);
    for (const w of now) if (!before.has(w)) added.push([w, r.ticketId]);
  }
  // Sorted as the key is, so a batch's rows land at the end of each word's list together.
  added.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  for (let i = 0; i < added.length; i += 2000) {
    const part = added.slice(i, i + 2000);
    await m.query(`INSERT IGNORE INTO ticket_words (word, ticketId) VALUES ${part.map(() => '(?,?)').join(',')}`, part.flat());
  }
}

function splitWords(words: string): string[] {
  return words.split(' ').filter(Boolean);
}

/** The migration's backfill: the lists of every ticket already in ticket_search, a range of ids per statement. */
export async function backfillTicketWords(m: EntityManager, range = 20_000): Promise<void> {
  const [top] = (await m.query('SELECT MAX(ticketId) AS id FROM ticket_search')) as Array<{ id: number | string | null }>;
  const last = Number(top?.id ?? 0);
  for (let lo = 0; lo < last; lo += range) {
    // The words are letters, digits and hex (searchDocument): one JSON array of strings each.
    await m.query(
      `INSERT IGNORE INTO ticket_words (word, ticketId)
       SELECT j.w, s.ticketId FROM ticket_search s,
         JSON_TABLE(CONCAT('["', REPLACE(s.words, ' ', '","'), '"]'), '$[*]' COLUMNS (w VARCHAR(41) PATH '$')) AS j
       WHERE s.ticketId > ? AND s.ticketId <= ? AND j.w <> '' ORDER BY j.w, s.ticketId`,
      [lo, lo + range],
    );
  }
}

/**
 * The newest tickets below `before` (null: from the newest) having every one of `words`, at most
 * `limit`, read from the list of `words[0]` (the rarest) downwards, the others probed in their
 * order (the next rarest first): at most `postings` entries of that list are read. `lower`: the
 * lowest id the walk covered (every match at or above it and below `before` was seen), 0 when it
 * read to the list's end.
 */
export async function walkTicketWords(
  m: EntityManager,
  words: string[],
  before: number | null,
  limit: number,
  postings: number,
): Promise<{ ids: number[]; lower: number }> {
  const [first, ...rest] = words;
  const below = before === null ? '' : 'AND ticketId < ?';
  const bound = before === null ? [] : [before];
  // The id of the last entry the walk may read (none: the list ends before it).
  const [edge] = (await m.query(
    `SELECT ticketId AS id FROM ticket_words WHERE word = ? ${below} ORDER BY ticketId DESC LIMIT 1 OFFSET ${Math.max(Math.floor(postings) - 1, 0)}`,
    [first, ...bound],
  )) as Array<{ id: number | string }>;
  const lower = edge ? Number(edge.id) : 0;
  // STRAIGHT_JOIN: the rarest list first, in key order (no sort), each other word one primary-key probe, stopping at `limit`.
  // A match is checked on its lookup row too (one read per match): a list entry left by two rewrites of one ticket at once finds nothing.
  const rows = (await m.query(
    `SELECT STRAIGHT_JOIN p.ticketId AS id FROM ticket_words p
     ${rest.map((_, i) => `JOIN ticket_words q${i} ON q${i}.word = ? AND q${i}.ticketId = p.ticketId`).join(' ')}
     JOIN ticket_search s ON s.ticketId = p.ticketId ${words.map(() => `AND INSTR(CAST(CONCAT(' ', s.words, ' ') AS BINARY), ?) > 0`).join(' ')}
     WHERE p.word = ? AND p.ticketId >= ? ${before === null ? '' : 'AND p.ticketId < ?'}
     ORDER BY p.ticketId DESC LIMIT ${Math.floor(limit)}`,
    [...rest, ...words.map((w) => ` ${w} `), first, lower, ...bound],
  )) as Array<{ id: number | string }>;
  return { ids: rows.map((r) => Number(r.id)), lower };
}
