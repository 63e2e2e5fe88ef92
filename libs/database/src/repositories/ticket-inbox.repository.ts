import { type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { LookupKeys, TicketScope } from '@hub/domain';
import { TicketEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';
import { dialectOf } from '../stats/sql-dialect';
import { deadlineKeyBound } from './deadline-key-bound.sql';
import { inWindow, newestWindow } from './newest-window.sql';
import { countScopedList, scopedList } from './ticket-inbox-scope';
import { whereTicketInScope } from './ticket-scope.sql';
import { unitScopeCount } from './unit-scope-count.sql';
import { orderedTicketList } from './ticket-list-order.sql';
import { MAX_TEXT_HITS, type TicketSearchHit, TypeOrmTicketSearchRepository } from './ticket-search.repository';

/** Batches of text matches read at most for one list of a scoped or filtered lookup (the first as many as the page needs, then MAX_TEXT_HITS). */
const MAX_TEXT_BATCHES = 4;
/** Rows up to which a scoped page in index order probes each ticket read for the scope's assignments (past them, it reads them all once). */
const PROBED_ROWS = 500;
/** The deepest a lookup's list is read, page after page (as many as a list exports). */
const MAX_LISTED_MATCHES = 5000;

/** An inbox view, resolved by the caller (who knows the user's role) to what it selects. */
export type InboxView =
  | { kind: 'statuses'; statuses: string[] }
  /** An active assignment (of these units) at this step, on a ticket in one of these statuses. */
  | { kind: 'active_assignment'; statuses: string[]; step?: 'unacknowledged' | 'in_hand'; unitIds: number[] | null }
  | { kind: 'due_soon'; until: Date; unitIds: number[] | null }
  | { kind: 'overdue'; unitIds: number[] | null }
  | { kind: 'returned'; unitIds: number[] | null }
  | { kind: 'given_to'; unitIds: number[] };

/** What a list may be sorted by (`-key`: the other way round). */
export const TICKET_SORT_KEYS = ['due', 'lateness', 'received', 'number', 'category', 'region', 'unit', 'status', 'urgency'] as const;
export type TicketSortKey = (typeof TICKET_SORT_KEYS)[number];
export interface TicketSort {
  key: TicketSortKey;
  desc: boolean;
}

export interface TicketInboxFilter {
  /** The tickets the user may see (see ticketScopeCondition): a unit user's units, a scoped desk's sub-tree. Null: every ticket. */
  scope: TicketScope | null;
  view?: InboxView;
  statuses?: string[];
  /** A category path or its first level. */
  category?: string;
  region?: string;
  source?: string;
  overdue?: boolean;
  from?: Date;
  to?: Date;
  /**
   * The lookup box: number, phone, name, e-mail, external id or words of the text; the list is
   * then ranked best match first. `personal: false` (a unit user): a confidential ticket is not
   * found through its requester's phone, e-mail or name.
   */
  search?: { keys: LookupKeys; words: string[]; personal: boolean };
  /**
   * The order; none: newest received first (a search: best match first). `due`: the next running
   * deadline first, `lateness`: the least late first (`-lateness`: the most overdue first); tickets
   * with no such deadline come last either way.
   */
  sort?: TicketSort;
  now: Date;
}

/** Tickets as the console's lists and inbox counts read them, a unit user's scope applied in the query. */
export interface TicketInboxRepository {
  /** The ticket if it is in the scope (null scope: any ticket). */
  findVisible(id: number, scope: TicketScope | null): Promise<TicketEntity | null>;
  /** Those of these tickets in the scope, in the order given (null scope: all of them). */
  visibleIds(ids: number[], scope: TicketScope | null): Promise<number[]>;
  /**
   * One page in the filter's order (newest received first by default), and the total. A lookup
   * counts the matches it read (a bounded number, see MAX_TEXT_HITS); `more`: there are others.
   */
  page(filter: TicketInboxFilter, page: number, pageSize: number): Promise<{ rows: TicketEntity[]; total: number; more?: boolean }>;
  count(filter: TicketInboxFilter): Promise<number>;
  /** What changes whenever a ticket enters, leaves or changes in the filter's set (search ignored): its count, newest id and latest change. */
  version(filter: TicketInboxFilter): Promise<InboxVersion>;
}

export interface InboxVersion {
  count: number;
  latestId: number | null;
  changedAt: Date | null;
}

/** Text searched for as typed: 减免50% finds "减免50%", not "减免50" followed by anything. */
function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, '!$&');
}

export class TypeOrmTicketInboxRepository implements TicketInboxRepository {
  constructor(private readonly m: EntityManager) {}

  private scoped(scope: TicketScope | null): SelectQueryBuilder<TicketEntity> {
    return whereTicketInScope(this.m.getRepository(TicketEntity).createQueryBuilder('t'), 't', scope);
  }

  /**
   * How many tickets the filter selects; the desk's 超期督办 and 工单查询's overdue filter counted from
   * the open deadlines' index alone (their tickets, scattered over years, are each read otherwise).
   */
  private async total(f: TicketInboxFilter): Promise<number> {
    const narrowed = f.statuses || f.category || f.region || f.source || f.from || f.to || f.search;
    const overdueOnly = f.view?.kind === 'overdue' || (!f.view && f.overdue);
    if (f.scope === null && !narrowed && overdueOnly) {
      // A passed deadline of the view's units is a passed deadline: the filter adds nothing to the view.
      const units = f.view?.kind === 'overdue' ? f.view.unitIds : null;
      const qb = this.m
        .createQueryBuilder()
        .select('COUNT(DISTINCT od.ticketId)', 'n')
        .from('deadlines', 'od')
        .where("od.status = 'open' AND od.dueAt < :now", { now: f.now });
      if (units) qb.andWhere('od.unitId IN (:...units)', { units: units.length ? units : [-1] });
      return Number((await qb.getRawOne<{ n: number | string }>())?.n ?? 0);
    }
    // A unit user's list (no region) from its assignments' index; a scope's list, a status view or the overdue view of it counts the union of the branches' index ranges.
    const byUnits = await unitScopeCount(this.m, f);
    if (byUnits !== null) return byUnits;
    const scoped = scopedList(this.m, f);
    return scoped ? countScopedList(scoped) : this.filtered(f).getCount();
  }

  findVisible(id: number, scope: TicketScope | null): Promise<TicketEntity | null> {
    return this.scoped(scope).andWhere('t.id = :id', { id }).getOne();
  }

  async visibleIds(ids: number[], scope: TicketScope | null): Promise<number[]> {
    if (scope === null || !ids.length) return ids;
    const rows = (await this.scoped(scope).select('t.id', 'id').andWhere('t.id IN (:...someIds)', { someIds: ids }).getRawMany()) as Array<{
      id: number | string;
    }>;
    const seen = new Set(rows.map((r) => Number(r.id)));
    return ids.filter((id) => seen.has(id));
  }

  async page(filter: TicketInboxFilter, page: number, pageSize: number) {
    if (filter.search) {
      // A list in the lookup's order reads the matches up to this page (and knows whether more follow); sorted otherwise, a bounded number of them.
      const { ids: ranked, more } = await this.searched(filter, filter.sort ? MAX_TEXT_HITS : Math.min(page * pageSize, MAX_LISTED_MATCHES));
      if (filter.sort) {
        if (!ranked.length) return { rows: [], total: 0, more };
        const qb = this.filtered(filter).andWhere('t.id IN (:...ranked)', { ranked });
        const rows = await orderedTicketList(qb, filter)
          .skip((page - 1) * pageSize)
          .take(pageSize)
          .getMany();
        return { rows, total: ranked.length, more };
      }
      const ids = ranked.slice((page - 1) * pageSize, page * pageSize);
      const rows = ids.length ? await this.m.getRepository(TicketEntity).findBy({ id: In(ids) }) : [];
      return { rows: ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is TicketEntity => Boolean(r)), total: ranked.length, more };
    }
    if (filter.sort?.key === 'due' || filter.sort?.key === 'lateness') return this.pageByDeadline(filter, page, pageSize);
    const offset = (page - 1) * pageSize;
    const newest = !filter.sort || (filter.sort.key === 'received' && filter.sort.desc);
    // Newest first (or by number), a near page of a scope reads a few hundred tickets in index order: each is probed for the scope.
    const probe = (!filter.sort || filter.sort.key === 'received' || filter.sort.key === 'number') && page * pageSize <= PROBED_ROWS;
    const w = newest ? await newestWindow(this.m, offset + pageSize) : null;
    let rows = w ? await this.rowsOf(orderedTicketList(inWindow(this.idsOf(filter, probe), w), filter), offset, pageSize) : [];
    if (rows.length < pageSize) rows = await this.rowsOf(orderedTicketList(this.idsOf(filter, probe), filter), offset, pageSize);
    return { rows, total: await this.total(filter) };
  }

  /**
   * A page sorted by a deadline key, in the order `ordered` gives, read in two parts: the tickets
   * that have the key (a running or passed deadline: a few among a million, found from the open
   * deadlines), then those without it, newest first. One query ordering every ticket by a subquery
   * computes it for each of them (seconds at a million tickets); each part here reads only what it shows.
   */
  private async pageByDeadline(f: TicketInboxFilter, page: number, pageSize: number): Promise<{ rows: TicketEntity[]; total: number }> {
    const key = this.deadlineKey(f);
    const offset = (page - 1) * pageSize;
    const total = await this.total(f);
    const keyedIds = (bound: unknown) =>
      orderedTicketList(
        this.idsOf(f).andWhere(`EXISTS (${key.sql}${bound === null ? '' : ' AND sd.dueAt <= :keyBound'})`, { ...key.params, keyBound: bound }),
        f,
      );
    const bound = await deadlineKeyBound(this.m, f, offset + pageSize);
    let rows = await this.rowsOf(keyedIds(bound), offset, pageSize);
    if (bound !== null && rows.length < pageSize) rows = await this.rowsOf(keyedIds(null), offset, pageSize);
    if (rows.length < pageSize) {
      // The keyed part ends on this page (or before it: then it is counted); the others follow it.
      const keyed = rows.length || offset === 0 ? offset + rows.length : await this.filtered(f).andWhere(`EXISTS (${key.sql})`, key.params).getCount();
      if (total > keyed) {
        const others = this.idsOf(f).andWhere(`NOT EXISTS (${key.sql})`, key.params).orderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC');
        rows.push(...(await this.rowsOf(others, Math.max(0, offset - keyed), pageSize - rows.length)));
      }
    }
    return { rows, total };
  }

  /** The filter's tickets, their ids only: a page's order and filters read from the indexes, no ticket row. */
  private idsOf(f: TicketInboxFilter, probe = false): SelectQueryBuilder<TicketEntity> {
    return this.filtered(f, probe).select('t.id', 'id');
  }

  /**
   * The rows of a page of ids (`idsOf`, ordered) in their order: a list over tens of thousands of
   * scattered tickets reads the page's rows, not each matched one to sort it.
   */
  private async rowsOf(ids: SelectQueryBuilder<TicketEntity>, offset: number, limit: number): Promise<TicketEntity[]> {
    const page = ((await ids.offset(offset).limit(limit).getRawMany()) as Array<{ id: number | string }>).map((r) => Number(r.id));
    if (!page.length) return [];
    const rows = new Map((await this.m.getRepository(TicketEntity).findBy({ id: In(page) })).map((t) => [t.id, t]));
    return page.map((id) => rows.get(id)).filter((t): t is TicketEntity => Boolean(t));
  }

  /** The deadlines a deadline sort reads for a ticket `t` (those of the view's units): running ones for `due`, passed ones for `lateness`. */
  private deadlineKey(f: TicketInboxFilter): { sql: string; params: Record<string, unknown> } {
    const v = f.view;
    const unitIds = v && 'unitIds' in v ? v.unitIds : null;
    const units = unitIds ? 'AND sd.unitId IN (:...sortUnits)' : '';
    const params = { sortUnits: unitIds?.length ? unitIds : [-1], sortNow: f.now };
    const when = f.sort?.key === 'lateness' ? 'AND sd.dueAt < :sortNow' : 'AND sd.pausedAt IS NULL';
    return { sql: `SELECT 1 FROM deadlines sd WHERE sd.ticketId = t.id AND sd.status = 'open' ${when} ${units}`, params };
  }

  async count(filter: TicketInboxFilter): Promise<number> {
    if (filter.search) return (await this.searched(filter, MAX_TEXT_HITS)).ids.length;
    const scoped = scopedList(this.m, filter);
    return scoped ? countScopedList(scoped) : this.filtered(filter).getCount();
  }

  async version(filter: TicketInboxFilter): Promise<InboxVersion> {
    // A scope's view reads only its own tickets' rows (their ids from the branches' indexes first: MariaDB, which cannot estimate the
    // branches that join the scope's units, would otherwise read the index of every ticket's updatedAt and look each id up in them).
    const scoped = scopedList(this.m, { ...filter, search: undefined });
    const qb = scoped ? scoped.innerJoin(TicketEntity, 't', 't.id = scoped.id') : this.filtered({ ...filter, search: undefined });
    const r = await qb
      .select(`${scoped ? dialectOf(this.m.connection).joinsInOrder : ''}COUNT(*)`, 'count')
      .addSelect('MAX(t.id)', 'latestId')
      .addSelect('MAX(t.updatedAt)', 'changedAt')
      .getRawOne<{ count: string | number; latestId: string | number | null; changedAt: string | Date | null }>();
    return {
      count: Number(r?.count ?? 0),
      latestId: r?.latestId == null ? null : Number(r.latestId),
      changedAt: r?.changedAt == null ? null : new Date(r.changedAt),
    };
  }

  /**
   * The ids the lookup matched that pass the filters and the scope, best first, at least `want` of
   * them when there are (`more`: there may be others beyond). A unit user's scope or a filter can
   * drop most of the newest text matches: older batches are read on while the list is short.
   */
  private async searched(f: TicketInboxFilter, want: number): Promise<{ ids: number[]; more: boolean }> {
    const s = f.search!;
    const search = new TypeOrmTicketSearchRepository(this.m);
    let found = await search.lookup(s.keys, s.words, want);
    const ids = await this.visible(f, found.hits);
    for (let batch = 1; found.more && found.before !== null && ids.length < want && batch < MAX_TEXT_BATCHES; batch++) {
      found = await search.text(s.words, found.before, Math.max(want, MAX_TEXT_HITS));
      const seen = new Set(ids);
      ids.push(...(await this.visible(f, found.hits)).filter((id) => !seen.has(id)));
    }
    return { ids, more: found.more };
  }

  /** These hits' tickets that pass the filters and the scope, in the hits' order. */
  private async visible(f: TicketInboxFilter, hits: TicketSearchHit[]): Promise<number[]> {
    if (!hits.length) return [];
    const rank = new Map<number, TicketSearchHit>(hits.map((h) => [h.ticketId, h]));
    const qb = this.filtered(f)
      .select('t.id', 'id')
      .addSelect('t.confidential', 'confidential')
      .andWhere('t.id IN (:...hitIds)', { hitIds: [...rank.keys()] });
    const rows = (await qb.getRawMany()) as Array<{ id: number | string; confidential: number | boolean | string }>;
    const shown = new Set(rows.filter((r) => f.search!.personal || !Number(r.confidential) || !rank.get(Number(r.id))!.personal).map((r) => Number(r.id)));
    return hits.filter((h) => shown.has(h.ticketId)).map((h) => h.ticketId);
  }

  /**
   * The filter's tickets. The scope's test comes last: MariaDB tests a row's conditions in the order
   * written, and a page read in index order then probes the scope's assignments only for the rows
   * the view and the filters keep (a triage page of a district read 1,400 tickets and probed each).
   */
  private filtered(f: TicketInboxFilter, probe = false): SelectQueryBuilder<TicketEntity> {
    const qb = this.m.getRepository(TicketEntity).createQueryBuilder('t');
    const now = f.now;
    const v = f.view;
    const units = (ids: number[] | null, alias: string) => (ids ? `AND ${alias}.unitId IN (:...viewUnits)` : '');
    switch (v?.kind) {
      case 'statuses':
        qb.andWhere('t.status IN (:...st)', { st: v.statuses });
        break;
      case 'active_assignment': {
        const step =
          v.step === 'unacknowledged'
            ? 'AND va.acknowledgedAt IS NULL'
            : v.step === 'in_hand'
              ? 'AND va.acknowledgedAt IS NOT NULL AND va.repliedAt IS NULL'
              : '';
        qb.andWhere(`EXISTS (SELECT 1 FROM assignments va WHERE va.ticketId = t.id AND va.status = 'active' ${units(v.unitIds, 'va')} ${step})`, {
          viewUnits: v.unitIds ?? [],
        }).andWhere('t.status IN (:...viewStatus)', { viewStatus: v.statuses });
        break;
      }
      case 'due_soon':
        qb.andWhere(
          `EXISTS (SELECT 1 FROM deadlines vd WHERE vd.ticketId = t.id AND vd.status = 'open' AND vd.pausedAt IS NULL AND vd.dueAt >= :now AND vd.dueAt < :soon ${units(v.unitIds, 'vd')})`,
          { now, soon: v.until, viewUnits: v.unitIds ?? [] },
        );
        break;
      case 'overdue':
        qb.andWhere(`EXISTS (SELECT 1 FROM deadlines vd WHERE vd.ticketId = t.id AND vd.status = 'open' AND vd.dueAt < :now ${units(v.unitIds, 'vd')})`, {
          now,
          viewUnits: v.unitIds ?? [],
        });
        break;
      case 'returned':
        qb.andWhere(`EXISTS (SELECT 1 FROM assignments ra WHERE ra.ticketId = t.id AND ra.status = 'returned' ${units(v.unitIds, 'ra')})`, {
          viewUnits: v.unitIds ?? [],
        });
        break;
      case 'given_to':
        qb.andWhere('EXISTS (SELECT 1 FROM assignments ua WHERE ua.ticketId = t.id AND ua.unitId IN (:...viewUnits))', { viewUnits: v.unitIds });
        break;
      default:
    }
    if (f.statuses) qb.andWhere('t.status IN (:...statuses)', { statuses: f.statuses });
    if (f.category) qb.andWhere("t.category LIKE :cat ESCAPE '!'", { cat: `${likeLiteral(f.category)}%` });
    if (f.region) qb.andWhere('t.region = :region', { region: f.region });
    if (f.source) qb.andWhere('t.sourceId IN (SELECT s.id FROM sources s WHERE s.name = :source)', { source: f.source });
    if (f.overdue) qb.andWhere(`EXISTS (SELECT 1 FROM deadlines od WHERE od.ticketId = t.id AND od.status = 'open' AND od.dueAt < :now)`, { now });
    if (f.from) qb.andWhere('t.receivedAt >= :from', { from: f.from });
    if (f.to) qb.andWhere('t.receivedAt < :to', { to: f.to });
    return whereTicketInScope(qb, 't', f.scope, 'scope', probe);
  }
}

export const TICKET_INBOX = repositoryToken<TicketInboxRepository>('ticket-inbox', (m) => new TypeOrmTicketInboxRepository(m));
