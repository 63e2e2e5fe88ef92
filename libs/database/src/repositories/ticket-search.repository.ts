import type { EntityManager } from 'typeorm';
import { businessDate, foldText, type LookupKeys, searchDocument } from '@hub/domain';
import { isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { newestTextMatches } from './ticket-text-matches';
import { writeTicketWords } from './ticket-words';

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

/**
 * Scores of the kinds of match, above any text match. Text matches (every word of the query in
 * the text) rank alike, newest first: InnoDB's own rank is the same for all of them (each word is
 * stored once per ticket), and ranking them otherwise would need all of them read.
 */
export const LOOKUP_SCORES = { number: 1000, externalId: 900, phone: 800, email: 800, name: 700, text: 50 } as const;
/** Text matches read at once by a list sorted otherwise or narrowed by scope or filters (a page in the lookup's order reads only as many as it shows); more are only flagged. */
export const MAX_TEXT_HITS = 500;
/** The most tickets of one phone, e-mail, external id or name. */
const MAX_IDENTIFIED = 500;
/** MariaDB/MySQL: the most rows whose words are read, newest first, before the FULLTEXT index is asked (see newestTextMatches). */
export const RECENT_ROWS = 100_000;

/** What a lookup found, best first; `more`: older text matches exist, the next ones read with `text(words, before, n)`. */
export interface TicketLookup {
  hits: TicketSearchHit[];
  more: boolean;
  before: number | null;
}

const bestFirst = (a: TicketSearchHit, b: TicketSearchHit) => b.score - a.score || b.ticketId - a.ticketId;

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
   * Matches, best first (ties: newest first): the identifiers' from their own indexes; unless one
   * of them named the ticket, also the newest `limit` text matches (`words`: every one must be in the text).
   */
  lookup(keys: LookupKeys, words: string[], limit: number): Promise<TicketLookup>;
  /** The newest `limit` text matches older than `before` (null: the newest). */
  text(words: string[], before: number | null, limit: number): Promise<TicketLookup>;
  /** Tickets of this phone (normalised digits), newest first. */
  withPhone(phone: string, limit: number): Promise<number[]>;
  /** Tickets without a lookup row among the newest UNINDEXED_WINDOW ids, newest first (the search sweep). */
  unindexed(limit: number): Promise<number[]>;
}

/** The search sweep looks for tickets without a lookup row among this many newest ids (a bounded primary-key range each pass). */
export const UNINDEXED_WINDOW = 200_000;

export class TypeOrmTicketSearchRepository implements TicketSearchRepository {
  /**
   * `recentRows`: see RECENT_ROWS (a test makes it small to reach the indexes with a few rows).
   * `words: false`: ticket_words is not written (the migration that built ticket_search ran before the one that made it and fills it).
   */
  constructor(
    private readonly m: EntityManager,
    private readonly recentRows = RECENT_ROWS,
    private readonly options: { words?: boolean } = {},
  ) {}

  /**
   * On MariaDB/MySQL the words are added to their lists in ticket_words; words a rewrite drops stay
   * listed (every match is checked on its row) unless `old` gives each rewritten row's former words, as reindex does.
   */
  async index(rows: TicketSearchRow[], old: ReadonlyMap<number, string> = new Map()): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      if (isMysqlFamily(this.m)) {
        await this.m.query(
          `INSERT INTO ticket_search (ticketId, phone, name, email, externalId, words) VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}
           ON DUPLICATE KEY UPDATE phone = VALUES(phone), name = VALUES(name), email = VALUES(email), externalId = VALUES(externalId), words = VALUES(words)`,
          chunk.flatMap(values),
        );
        if (this.options.words !== false) await writeTicketWords(this.m, chunk, old);
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
        `SELECT t.id, t.externalId, t.subject, t.text, t.address, r.name, r.phone, r.email, r.address AS requesterAddress, s.words AS oldWords
         FROM tickets t LEFT JOIN requesters r ON r.id = t.requesterId LEFT JOIN ticket_search s ON s.ticketId = t.id WHERE t.id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )) as Array<Record<string, string | number | null>>;
      // The words each row had (a rewrite), so the words it no longer has leave their lists.
      const old = new Map(rows.filter((r) => r.oldWords != null).map((r) => [Number(r.id), String(r.oldWords)]));
      await this.index(rows.map(fromJoinedRow), old);
    }
  }

  async lookup(keys: LookupKeys, words: string[], limit: number): Promise<TicketLookup> {
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
    const by = (column: string) => `SELECT ticketId AS id FROM ticket_search WHERE ${column} = ? ORDER BY ticketId DESC LIMIT ${MAX_IDENTIFIED}`;
    if (keys.phone) add(await ids(by('phone'), [keys.phone]), LOOKUP_SCORES.phone, true);
    if (keys.email) add(await ids(by('email'), [keys.email]), LOOKUP_SCORES.email, true);
    if (keys.exact) {
      add(await ids(by('externalId'), [keys.exact.slice(0, 128)]), LOOKUP_SCORES.externalId, false);
      add(await ids(by('name'), [keys.exact.slice(0, 100)]), LOOKUP_SCORES.name, true);
    }
    // A number, phone, e-mail or external id that matched names the ticket: the text is not searched as well.
    const identified = [...hits.values()].some((h) => h.score >= LOOKUP_SCORES.email);
    const text = words.length && !identified ? await this.text(words, null, limit) : { hits: [], more: false, before: null };
    for (const h of text.hits) add([h.ticketId], h.score, false);
    return { hits: [...hits.values()].sort(bestFirst), more: text.more, before: text.before };
  }

  async text(words: string[], before: number | null, limit: number): Promise<TicketLookup> {
    const ids = await newestTextMatches(this.m, words, before, limit + 1, this.recentRows);
    const hits = ids.slice(0, limit).map((ticketId) => ({ ticketId, score: LOOKUP_SCORES.text, personal: false }));
    const more = ids.length > limit;
    return { hits, more, before: more ? hits[hits.length - 1].ticketId : null };
  }

  async withPhone(phone: string, limit: number): Promise<number[]> {
    const rows = (await this.m.query(`SELECT ticketId AS id FROM ticket_search WHERE phone = ? ORDER BY ticketId DESC LIMIT ${Math.floor(limit)}`, [
      phone,
    ])) as Array<{ id: number | string }>;
    return rows.map((r) => Number(r.id));
  }

  async unindexed(limit: number): Promise<number[]> {
    const [top] = (await this.m.query('SELECT MAX(id) AS id FROM tickets')) as Array<{ id: number | string | null }>;
    if (top?.id == null) return [];
    // Anti-join on both primary keys: a range of tickets' ids, each probed in ticket_search's key.
    const rows = (await this.m.query(
      `SELECT t.id FROM tickets t LEFT JOIN ticket_search s ON s.ticketId = t.id
       WHERE t.id > ? AND s.ticketId IS NULL ORDER BY t.id DESC LIMIT ${Math.floor(limit)}`,
      [Number(top.id) - UNINDEXED_WINDOW],
    )) as Array<{ id: number | string }>;
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

/** Rebuilds the whole index in id order (the migrations' backfill); the number of tickets. */
export async function reindexAllTickets(m: EntityManager, batch = 2000, options: { words?: boolean } = {}): Promise<number> {
  const repo = new TypeOrmTicketSearchRepository(m, RECENT_ROWS, options);
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
