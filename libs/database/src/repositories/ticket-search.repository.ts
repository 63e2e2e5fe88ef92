import type { EntityManager } from 'typeorm';
import { businessDate, foldText, type LookupKeys, searchDocument } from '@hub/domain';
import { isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

/** A ticket's row in the lookup index. */
export interface TicketSearchRow {
  ticketId: number;
  phone: string | null;
  name: string | null;
  email: string | null;
  externalId: string | null;
  words: string;
}

/** What a ticket is found by, as the intake paths know it when they insert it. */
export interface SearchableTicket {
  id: number;
  externalId?: string | null;
  subject?: string | null;
  text: string;
  address?: string | null;
  requester?: { name?: string | null; phone?: string | null; email?: string | null; address?: string | null } | null;
}

/** How a ticket matched a lookup; `personal`: through the requester's phone, e-mail or name. */
export interface TicketSearchHit {
  ticketId: number;
  score: number;
  personal: boolean;
}

/** Scores of the kinds of match, above any text score (which is below 100). */
export const LOOKUP_SCORES = { number: 1000, externalId: 900, phone: 800, email: 800, name: 700 } as const;
/** Text matches read and ranked per batch, newest first: a lookup names a ticket, it does not page through a million. */
export const MAX_TEXT_HITS = 500;
/** MariaDB/MySQL: the newest rows read for the words before the FULLTEXT index is asked (see newestMysql). */
export const RECENT_WINDOW = 20_000;
/** The score of a text match on MariaDB/MySQL, where all rank alike. */
const TEXT_SCORE = 50;

/** What a lookup found, best first; `more`: older text matches exist beyond it, read with `text(words, before)`. */
export interface TicketLookup {
  hits: TicketSearchHit[];
  more: boolean;
  before: number | null;
}

const bestFirst = (a: TicketSearchHit, b: TicketSearchHit) => b.score - a.score || b.ticketId - a.ticketId;
const ftsQuery = (words: string[]) => words.map((w) => `"${w}"`).join(' AND ');

/** The row for a ticket; the phone and e-mail already normalised (normalizePhone, normalizeEmail), as requesters store them. */
export function ticketSearchRow(t: SearchableTicket): TicketSearchRow {
  const r = t.requester;
  return {
    ticketId: t.id,
    phone: r?.phone ?? null,
    name: r?.name ? foldText(r.name).trim().slice(0, 100) || null : null,
    email: r?.email ?? null,
    externalId: t.externalId ? foldText(t.externalId).trim().slice(0, 128) : null,
    // Not the requester's name: it is matched whole by its index, and 先生/女士 in every ticket's words would make them useless.
    words: searchDocument([t.subject, t.text, t.address, r?.address]),
  };
}

/** The one lookup over tickets (number, phone, name, e-mail, external id, words of the text). */
export interface TicketSearchRepository {
  /** Writes (or rewrites) the rows of these tickets. */
  index(rows: TicketSearchRow[]): Promise<void>;
  /** Rebuilds the rows of these tickets from the tickets and their requesters. */
  reindex(ticketIds: number[]): Promise<void>;
  /**
   * Matches, best first (ties: newest first): the identifiers' from their own indexes, else the
   * newest MAX_TEXT_HITS text matches (`words`: every one must be in the text), ranked among themselves.
   */
  lookup(keys: LookupKeys, words: string[]): Promise<TicketLookup>;
  /** The next batch of text matches, older than `before` (null: the newest), ranked among themselves. */
  text(words: string[], before: number | null): Promise<TicketLookup>;
  /** Tickets of this phone (normalised digits), newest first. */
  withPhone(phone: string, limit: number): Promise<number[]>;
}

export class TypeOrmTicketSearchRepository implements TicketSearchRepository {
  /** `recentWindow`: see RECENT_WINDOW (a test makes it small to reach the FULLTEXT index with a few rows). */
  constructor(
    private readonly m: EntityManager,
    private readonly recentWindow = RECENT_WINDOW,
  ) {}

  async index(rows: TicketSearchRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      if (isMysqlFamily(this.m)) {
        await this.m.query(
          `INSERT INTO ticket_search (ticketId, phone, name, email, externalId, words) VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}
           ON DUPLICATE KEY UPDATE phone = VALUES(phone), name = VALUES(name), email = VALUES(email), externalId = VALUES(externalId), words = VALUES(words)`,
          chunk.flatMap(values),
        );
      } else {
        // ON CONFLICT … DO UPDATE (not REPLACE) so the FTS5 table's update trigger runs.
        await this.m.query(
          `INSERT INTO ticket_search (ticketId, phone, name, email, externalId, words) VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}
           ON CONFLICT(ticketId) DO UPDATE SET phone = excluded.phone, name = excluded.name, email = excluded.email, externalId = excluded.externalId, words = excluded.words`,
          chunk.flatMap(values),
        );
      }
    }
  }

  async reindex(ticketIds: number[]): Promise<void> {
    for (let i = 0; i < ticketIds.length; i += 1000) {
      const ids = ticketIds.slice(i, i + 1000);
      const rows = (await this.m.query(
        `SELECT t.id, t.externalId, t.subject, t.text, t.address, r.name, r.phone, r.email, r.address AS requesterAddress
         FROM tickets t LEFT JOIN requesters r ON r.id = t.requesterId WHERE t.id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )) as Array<Record<string, string | number | null>>;
      await this.index(rows.map(fromJoinedRow));
    }
  }

  async lookup(keys: LookupKeys, words: string[]): Promise<TicketLookup> {
    const hits = new Map<number, TicketSearchHit>();
    const add = (ids: number[], score: number, personal: boolean) => {
      for (const ticketId of ids) {
        const had = hits.get(ticketId);
        if (!had || had.score < score) hits.set(ticketId, { ticketId, score, personal: personal && (!had || had.personal) });
      }
    };
    const ids = async (sql: string, params: unknown[]) => ((await this.m.query(sql, params)) as Array<{ id: number | string }>).map((r) => Number(r.id));
    if (keys.ticketId !== null) {
      const [t] = (await this.m.query('SELECT id, receivedAt FROM tickets WHERE id = ?', [keys.ticketId])) as Array<{ id: number; receivedAt: Date | string }>;
      if (t && businessDate(asDate(t.receivedAt)).replace(/-/g, '') === keys.ticketDate) add([Number(t.id)], LOOKUP_SCORES.number, false);
    }
    const by = (column: string) => `SELECT ticketId AS id FROM ticket_search WHERE ${column} = ? ORDER BY ticketId DESC LIMIT ${MAX_TEXT_HITS}`;
    if (keys.phone) add(await ids(by('phone'), [keys.phone]), LOOKUP_SCORES.phone, true);
    if (keys.email) add(await ids(by('email'), [keys.email]), LOOKUP_SCORES.email, true);
    if (keys.exact) {
      add(await ids(by('externalId'), [keys.exact.slice(0, 128)]), LOOKUP_SCORES.externalId, false);
      add(await ids(by('name'), [keys.exact.slice(0, 100)]), LOOKUP_SCORES.name, true);
    }
    // A number, phone, e-mail or external id that matched names the ticket: the text is not searched as well.
    const identified = [...hits.values()].some((h) => h.score >= LOOKUP_SCORES.email);
    const text = words.length && !identified ? await this.text(words, null) : { hits: [], more: false, before: null };
    for (const h of text.hits) add([h.ticketId], h.score, false);
    return { hits: [...hits.values()].sort(bestFirst), more: text.more, before: text.before };
  }

  async text(words: string[], before: number | null): Promise<TicketLookup> {
    if (!words.length) return { hits: [], more: false, before: null };
    const ids = isMysqlFamily(this.m) ? await this.newestMysql(words, before, MAX_TEXT_HITS + 1) : await this.newestSqlite(words, before, MAX_TEXT_HITS + 1);
    const more = ids.length > MAX_TEXT_HITS;
    const batch = ids.slice(0, MAX_TEXT_HITS);
    const scores = await this.scores(words, batch);
    const hits = batch.map((ticketId) => ({ ticketId, score: scores.get(ticketId) ?? TEXT_SCORE, personal: false })).sort(bestFirst);
    return { hits, more, before: more ? batch[batch.length - 1] : null };
  }

  /**
   * MariaDB/MySQL: the newest matches, from the newest rows read in key order first (a common word
   * fills the batch within a few thousand rows), from the FULLTEXT index below them only when the
   * words are rarer than that (InnoDB reads every match of its words and ranks them all, however
   * few are wanted, which is fast only for rare ones).
   */
  private async newestMysql(words: string[], before: number | null, limit: number): Promise<number[]> {
    const [top] = (await this.m.query('SELECT MAX(ticketId) AS id FROM ticket_search')) as Array<{ id: number | string | null }>;
    const upper = Math.min(before ?? Infinity, Number(top?.id ?? 0) + 1);
    const lower = Math.max(upper - this.recentWindow, 0);
    const contains = words.map(() => `CONCAT(' ', words, ' ') LIKE ?`).join(' AND ');
    const patterns = words.map((w) => `% ${w.replace(/[\\%_]/g, '\\$&')} %`);
    const recent = (await this.m.query(
      `SELECT ticketId AS id FROM ticket_search WHERE ticketId < ? AND ticketId >= ? AND ${contains} ORDER BY ticketId DESC LIMIT ${limit}`,
      [upper, lower, ...patterns],
    )) as Array<{ id: number | string }>;
    if (recent.length >= limit || lower === 0) return recent.map((r) => Number(r.id));
    const against = words.map((w) => `+${w}`).join(' ');
    const older = (await this.m.query(
      `SELECT ticketId AS id FROM ticket_search WHERE MATCH(words) AGAINST (? IN BOOLEAN MODE) AND ticketId < ? ORDER BY ticketId DESC LIMIT ${limit - recent.length}`,
      [against, lower],
    )) as Array<{ id: number | string }>;
    return [...recent, ...older].map((r) => Number(r.id));
  }

  /** SQLite: FTS5 walks its lists in rowid order, so the newest matches come without reading the others. */
  private async newestSqlite(words: string[], before: number | null, limit: number): Promise<number[]> {
    const rows = (await this.m.query(
      `SELECT rowid AS id FROM ticket_search_fts WHERE ticket_search_fts MATCH ? ${before === null ? '' : 'AND rowid < ?'} ORDER BY rowid DESC LIMIT ${limit}`,
      [ftsQuery(words), ...(before === null ? [] : [before])],
    )) as Array<{ id: number | string }>;
    return rows.map((r) => Number(r.id));
  }

  /**
   * Scores (below 100) of a batch of matches, ranked among themselves. SQLite's bm25 prefers the
   * shorter text; InnoDB's rank is the same for every match of distinct words, so there the newest
   * come first.
   */
  private async scores(words: string[], ids: number[]): Promise<Map<number, number>> {
    if (!ids.length || isMysqlFamily(this.m)) return new Map();
    const rows = (await this.m.query(
      `SELECT rowid AS id, -bm25(ticket_search_fts) AS score FROM ticket_search_fts WHERE ticket_search_fts MATCH ? AND rowid IN (${ids.map(() => '?').join(',')})`,
      [ftsQuery(words), ...ids],
    )) as Array<{ id: number | string; score: number | string }>;
    // Squeezed into (0, 100) keeping their order.
    return new Map(rows.map((r) => [Number(r.id), 100 * (1 - 1 / (1 + Math.max(Number(r.score), 0)))]));
  }

  async withPhone(phone: string, limit: number): Promise<number[]> {
    const rows = (await this.m.query(`SELECT ticketId AS id FROM ticket_search WHERE phone = ? ORDER BY ticketId DESC LIMIT ${Math.floor(limit)}`, [
      phone,
    ])) as Array<{ id: number | string }>;
    return rows.map((r) => Number(r.id));
  }
}

function values(r: TicketSearchRow): unknown[] {
  return [r.ticketId, r.phone, r.name, r.email, r.externalId, r.words];
}

function asDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  // SQLite stores `YYYY-MM-DD HH:MM:SS.mmm` in UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

function fromJoinedRow(r: Record<string, string | number | null>): TicketSearchRow {
  const s = (k: string) => (r[k] == null ? null : String(r[k]));
  return ticketSearchRow({
    id: Number(r.id),
    externalId: s('externalId'),
    subject: s('subject'),
    text: s('text') ?? '',
    address: s('address'),
    requester: { name: s('name'), phone: s('phone'), email: s('email'), address: s('requesterAddress') },
  });
}

/** Rebuilds the whole index in id order (a migration's backfill, `hub search reindex`); the number of tickets. */
export async function reindexAllTickets(m: EntityManager, batch = 2000): Promise<number> {
  const repo = new TypeOrmTicketSearchRepository(m);
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = (await m.query(`SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT ${batch}`, [after])) as Array<{ id: number | string }>;
    if (!rows.length) return n;
    const ids = rows.map((r) => Number(r.id));
    await repo.reindex(ids);
    n += ids.length;
    after = ids[ids.length - 1];
  }
}

export const TICKET_SEARCH = repositoryToken<TicketSearchRepository>('ticket-search', (m) => new TypeOrmTicketSearchRepository(m));
