import type { EntityManager } from 'typeorm';
import { isMysqlFamily } from '../insert-rows';
import { walkTicketWords } from './ticket-words';

/** Rows read before the words' frequencies are trusted to choose between reading on and the index. */
const FIRST_ROWS = 500;
/**
 * What InnoDB's FULLTEXT spends, in rows read here in the same time (measured at 1M tickets): per
 * row it matched (each one fetched to be sorted and checked), and per entry of a word's list it
 * reads (every entry of every word asked for, however few of them are wanted).
 */
const INDEX_COST_PER_MATCH = 6;
const INDEX_COST_PER_ENTRY = 0.1;
/** InnoDB's innodb_ft_min_token_size (3 by default): shorter words (`w3` for 3天) are not in the FULLTEXT index, only checked on its matches. */
const MIN_INDEXED_WORD = 3;
/**
 * InnoDB's default stopwords (innodb_ft_default_stopword, MariaDB and MySQL alike): not in the
 * FULLTEXT index either, and `+was` matches nothing. Hub words begin with `w` or `c` + hex, so
 * only `was` (as), `what`, `when`, `where`, `who`, `will`, `with` and `www` can be one.
 */
const INNODB_STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(' '),
);
/** Whether FULLTEXT has entries for this hub word. */
const indexedWord = (w: string) => w.length >= MIN_INDEXED_WORD && !INNODB_STOPWORDS.has(w);
/** The most words asked of the index, and the rarest words among which they are chosen. */
const MAX_INDEX_WORDS = 3;
const INDEX_CANDIDATES = 6;
/** The most rows read at once (a chunk past the page's last match is read for nothing). */
const MAX_CHUNK = 16_000;
/** What reading one entry of the rarest word's list in ticket_words costs (probing it for the other words included), in rows read here. */
const WALK_COST_PER_POSTING = 0.5;
/** The first stretch of the rarest word's list walked, and how much each next one grows. */
const FIRST_WALK = 1000;
const WALK_GROWTH = 4;

/**
 * What the rows read so far tell of the words: how many rows had each combination of them (bit i:
 * the i-th word), so the rows with all of a set of words are counted, not guessed from each word's
 * frequency (the words of one phrase, 桃园 园小 小区, come together; words of different phrases do not).
 */
class WordSample {
  readonly combos = new Map<number, number>();
  read = 0;

  /** `indexed`: whether FULLTEXT has each word (see MIN_INDEXED_WORD). */
  constructor(
    readonly words: number,
    private readonly indexed: boolean[],
  ) {}

  add(mask: number): void {
    this.combos.set(mask, (this.combos.get(mask) ?? 0) + 1);
    this.read++;
  }

  /** Rows read that had every word of `set` (a bit mask). */
  withAll(set: number): number {
    let n = 0;
    for (const [mask, count] of this.combos) if ((mask & set) === set) n += count;
    return n;
  }

  /** The words, rarest (fewest rows read with it) first. */
  rarestFirst(): number[] {
    return Array.from({ length: this.words }, (_, i) => i).sort((a, b) => this.withAll(1 << a) - this.withAll(1 << b));
  }

  /**
   * The entries of the rarest word's list a walk would read for `wanted` more matches among
   * `older` rows: its tickets, of which as many have all the words as the rows read say (half a
   * match when they had none: a guess the walk corrects as it goes, see newestTextMatches).
   */
  walkPostings(older: number, wanted: number): number {
    const all = (2 ** this.words - 1) | 0;
    const rarest = Math.max(this.withAll(1 << this.rarestFirst()[0]), 0.5);
    const list = (rarest / Math.max(this.read, 1)) * older;
    return Math.min(list, (wanted * rarest) / Math.max(this.withAll(all), 0.5));
  }

  /**
   * The words to ask the index for, and what it would cost over `older` rows: the set of up to
   * MAX_INDEX_WORDS of the rarest words whose lists plus matched rows cost least. A set matches
   * the rows read with all its words, or, when fewer, as many as its words would if they came
   * apart (the product of their shares: a few hundred rows cannot show how rare three words are together).
   */
  cheapestIndexSet(older: number): { set: number; cost: number } {
    const share = (n: number) => Math.max(n, 0.5) / Math.max(this.read, 1);
    const rarest = this.rarestFirst()
      .filter((i) => this.indexed[i])
      .slice(0, INDEX_CANDIDATES);
    // No word FULLTEXT has: it cannot be asked (the lists are walked to the end).
    let best = { set: rarest.length ? 1 << rarest[0] : 0, cost: Infinity };
    // `independent`: the share of rows with every word of the set if they came apart from each other.
    const visit = (from: number, set: number, size: number, entries: number, independent: number) => {
      if (size) {
        const matched = Math.max(this.withAll(set) / Math.max(this.read, 1), independent);
        const cost = entries * INDEX_COST_PER_ENTRY + matched * older * INDEX_COST_PER_MATCH;
        if (cost < best.cost) best = { set, cost };
      }
      if (size === MAX_INDEX_WORDS) return;
      for (let i = from; i < rarest.length; i++) {
        const bit = 1 << rarest[i];
        const each = share(this.withAll(bit));
        visit(i + 1, set | bit, size + 1, entries + each * older, independent * each);
      }
    };
    visit(0, 0, 0, 0, 1);
    return best;
  }
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
 *   fills the page within a few hundred rows. The older matches are looked up as soon as that is
 *   the cheaper way (a word rare or missing in the rows read, or words each common but rarely
 *   together) or after `recentRows` rows: first by walking the rarest word's list in ticket_words
 *   newest first, the other words probed (walkTicketWords), which stops at the page; FULLTEXT is
 *   asked instead once the walk's own matches say the rest of the page costs more that way (words
 *   never together), for the set of at most three words whose lists and matched rows cost least
 *   (see WordSample.cheapestIndexSet; the others checked on its matches). At a million tickets the
 *   walk answers words rare together in 40-70 ms where three lists intersected cost 0.15-0.35 s,
 *   the rarest alone (every match fetched) or every word (the longest lists) 1-4 s.
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
  const sample = new WordSample(
    words.length,
    words.map((w) => indexedWord(w)),
  );
  const needles = words.map((w) => ` ${w} `);
  const all = (2 ** needles.length - 1) | 0; // bit i for word i, as the 32-bit masks are
  let upper = before;
  let chunk = 500;
  // Reading on needs as many rows as the matches so far say (half a match when there is none); the index, its cheapest set's cost over the older ids.
  const readCost = () => ((limit - found.length) * sample.read) / Math.max(found.length, 0.5);
  // The cheaper of the two ways to the older matches: FULLTEXT's cheapest set, or walking the rarest word's list (ticket_words).
  const indexCost = () => {
    const older = upper ?? 0;
    return Math.min(sample.cheapestIndexSet(older).cost, sample.walkPostings(older, limit - found.length) * WALK_COST_PER_POSTING);
  };
  while (sample.read < recentRows && !(sample.read >= FIRST_ROWS && indexCost() <= readCost())) {
    const size = Math.min(chunk, recentRows - sample.read);
    const rows = (await m.query(
      `SELECT ticketId AS id, CONCAT(' ', words, ' ') AS words FROM ticket_search ${upper === null ? '' : 'WHERE ticketId < ?'} ORDER BY ticketId DESC LIMIT ${size}`,
      upper === null ? [] : [upper],
    )) as Array<{ id: number | string; words: string }>;
    for (const r of rows) {
      let mask = 0;
      for (let i = 0; i < needles.length; i++) if (r.words.includes(needles[i])) mask |= 1 << i;
      sample.add(mask);
      if (mask === all) found.push(Number(r.id));
      if (found.length >= limit) return found;
    }
    if (rows.length < size) return found; // the oldest row was read
    upper = Number(rows[rows.length - 1].id);
    chunk = Math.min(chunk * 4, MAX_CHUNK);
  }
  // The rarest word's list walked down in growing stretches, the others probed, for as many entries as FULLTEXT would cost,
  // and on only while the matches it found so far say the rest of the page costs less than FULLTEXT (words never together: a first stretch).
  const order = sample.rarestFirst().map((i) => words[i]);
  let budget = sample.cheapestIndexSet(upper ?? 0).cost / WALK_COST_PER_POSTING;
  let stretch = Math.max(FIRST_WALK, 2 * sample.walkPostings(upper ?? 0, limit - found.length));
  let walked = 0;
  let matched = 0;
  const walkCost = () => ((limit - found.length) * walked * WALK_COST_PER_POSTING) / Math.max(matched, 0.5);
  while (budget >= 1 && (!walked || walkCost() <= sample.cheapestIndexSet(upper ?? 0).cost)) {
    const size = Math.ceil(Math.min(stretch, budget));
    const walk = await walkTicketWords(m, order, upper, limit - found.length, size);
    found.push(...walk.ids);
    if (found.length >= limit || walk.lower === 0) return found;
    upper = walk.lower;
    budget -= size;
    walked += size;
    matched += walk.ids.length;
    stretch *= WALK_GROWTH;
  }
  // The index intersects the lists of the words it is asked for before it reads a row; the others are checked on the rows it matched.
  const { set } = sample.cheapestIndexSet(upper ?? 0);
  const rare = words.filter((_, i) => set & (1 << i));
  const rest = words.filter((_, i) => !(set & (1 << i)));
  const older = (await m.query(
    `SELECT ticketId AS id FROM ticket_search WHERE MATCH(words) AGAINST (? IN BOOLEAN MODE) ${upper === null ? '' : 'AND ticketId < ?'}
     ${rest.map(() => `AND INSTR(CAST(CONCAT(' ', words, ' ') AS BINARY), ?) > 0`).join(' ')}
     ORDER BY ticketId DESC LIMIT ${Math.floor(limit - found.length)}`,
    [rare.map((w) => `+${w}`).join(' '), ...(upper === null ? [] : [upper]), ...rest.map((w) => ` ${w} `)],
  )) as Array<{ id: number | string }>;
  return [...found, ...older.map((r) => Number(r.id))];
}
