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
/** The most text matches ranked per lookup: a lookup names a ticket, it does not page through a million. */
export const MAX_TEXT_HITS = 500;

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
  /** Matches, best first (ties: newest first). `words`: every one must be in the text. */
  lookup(keys: LookupKeys, words: string[]): Promise<TicketSearchHit[]>;
  /** Tickets of this phone (normalised digits), newest first. */
  withPhone(phone: string, limit: number): Promise<number[]>;
}

export class TypeOrmTicketSearchRepository implements TicketSearchRepository {
  constructor(private readonly m: EntityManager) {}

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

  async lookup(keys: LookupKeys, words: string[]): Promise<TicketSearchHit[]> {
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
    if (words.length && !identified) for (const h of await this.text(words)) add([h.ticketId], h.score, false);
    return [...hits.values()].sort((a, b) => b.score - a.score || b.ticketId - a.ticketId);
  }

  /** Full-text matches with a score below 100, best first. */
  private async text(words: string[]): Promise<Array<{ ticketId: number; score: number }>> {
    let rows: Array<{ id: number | string; score: number | string }>;
    if (isMysqlFamily(this.m)) {
      const against = words.map((w) => `+${w}`).join(' ');
      rows = await this.m.query(
        `SELECT ticketId AS id, MATCH(words) AGAINST (? IN BOOLEAN MODE) AS score FROM ticket_search
         WHERE MATCH(words) AGAINST (? IN BOOLEAN MODE) ORDER BY score DESC, ticketId DESC LIMIT ${MAX_TEXT_HITS}`,
        [against, against],
      );
    } else {
      rows = await this.m.query(
        `SELECT rowid AS id, -bm25(ticket_search_fts) AS score FROM ticket_search_fts WHERE ticket_search_fts MATCH ?
         ORDER BY bm25(ticket_search_fts), rowid DESC LIMIT ${MAX_TEXT_HITS}`,
        [words.map((w) => `"${w}"`).join(' AND ')],
      );
    }
    // Scores of the two engines differ in scale: squeezed into (0, 100) keeping their order.
    return rows.map((r) => ({ ticketId: Number(r.id), score: 100 * (1 - 1 / (1 + Math.max(Number(r.score), 0))) }));
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
