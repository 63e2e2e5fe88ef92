import { Logger } from '@nestjs/common';
import type { Classification, Classifier } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import { isDatabaseUnavailable, isDeadlock, REQUESTERS, SOURCES, TicketEntity, TICKETS, UnitOfWork, UNITS } from '@hub/database';
import type { Clock } from '@hub/domain';
import { TicketConflictError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { dispatchSet, SetItem } from './dispatch-set';
import { findOpenRepeats } from './find-open-repeat';
import { ClusterContext, clusterWindowStart, flagCluster, RECENT } from './flag-cluster';
import { classifyTicket, supervisorAlert, Lookups, once, RouteOutcome, ROUTER } from './routing-steps';

/** Tries of a set's unit of work before its tickets are routed one by one. */
const SET_ATTEMPTS = 3;

/**
 * A job of several new tickets (an export's rows, 25 a job): classified, checked for repeats and
 * clusters as one by one, in the order they were received, each seeing the ones before it as
 * routed; then the confident ones dispatched and the others left in triage together
 * (dispatch-set.ts). A repeat to merge, a ticket that could not be classified and a set that
 * could not be written are left to the one-by-one path, which routes them from what is then in
 * the database.
 */
export class SetRouter {
  private readonly log = new Logger('router');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: HubConfig,
    private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  /**
   * Routes what it can of `ticketIds` into `out`; gives the rest, earliest received first, for the
   * one-by-one path, and the order the outcomes are reported in.
   */
  async route(ticketIds: number[], classifier: Classifier, lookups: Lookups, out: RouteOutcome[]): Promise<{ rest: number[]; order: number[] }> {
    const found = new Map((await this.uow.read(TICKETS).findByIds(ticketIds)).map((t) => [t.id, t]));
    const when = (id: number) => found.get(id)?.receivedAt.getTime() ?? Infinity;
    // Earliest received first, whatever order the batch came in (an export sorted newest first): a
    // caller's first call becomes the open ticket and the later ones are merged into it.
    const order = [...ticketIds].sort((a, b) => when(a) - when(b) || a - b);
    const items: Array<{ t: TicketEntity; c: Classification; source: string | null }> = [];
    const pending = new Map<number, TicketEntity>();
    const rest: number[] = [];
    for (const id of order) {
      const t = found.get(id);
      if (!t || t.status !== 'received') {
        out.push({ ticketId: id, result: 'skipped' });
        continue;
      }
      const source = await once(lookups.sources, t.sourceId, () => this.uow.read(SOURCES).findById(t.sourceId));
      let classified: ReturnType<typeof classifyTicket>;
      try {
        classified = classifyTicket(classifier, t, source);
      } catch (e) {
        // The one-by-one path meets the same failure, logs it and goes on with the rest.
        if (isDatabaseUnavailable(e)) throw e;
        rest.push(t.id);
        continue;
      }
      const { c, snapshot, urgency } = classified;
      Object.assign(t, { classification: snapshot, category: c.category, region: c.region, urgency });
      items.push({ t, c, source: source?.name ?? null });
      pending.set(t.id, t);
    }
    if (!items.length) return { rest, order };
    const requesterIds = [...new Set(items.map(({ t }) => t.requesterId).filter((id): id is number => id != null))];
    const requesters = new Map((await this.uow.read(REQUESTERS).findByIds(requesterIds)).map((r) => [r.id, r]));
    const repeats = await findOpenRepeats(this.uow, items, pending, requesters);
    const set: SetItem[] = [];
    const before: TicketEntity[] = [];
    const since = new Date(Math.min(...items.map(({ t }) => clusterWindowStart(t).getTime())));
    const recent = new Map<string, Promise<TicketEntity[]>>();
    const job: ClusterContext = {
      routed: before,
      requesters,
      recentIn: (category, region) =>
        once(recent, `${category}\u0000${region}`, () => this.uow.read(TICKETS).listRecentIn({ category, region, since }, RECENT)),
    };
    for (const { t, c, source } of items) {
      const unit = c.department ? await once(lookups.units, c.department, () => this.uow.read(UNITS).findActiveByName(c.department as string)) : null;
      if (repeats.get(t.id) !== null) {
        rest.push(t.id);
        before.push(t);
        continue;
      }
      const cluster = await flagCluster(this.uow, this.config, ROUTER, () => this.clock.now(), t, c, job);
      if (cluster) {
        // What the job has read is now in that cluster too, as the database has it.
        const members = new Set(cluster.ticketIds);
        for (const rows of recent.values()) for (const x of await rows) if (members.has(x.id)) x.clusterId = cluster.clusterId;
        for (const id of members) if (pending.has(id)) (pending.get(id) as TicketEntity).clusterId = cluster.clusterId;
      }
      before.push(t);
      const dispatch = c.auto && c.disposition === 'dispatch' && unit;
      const assists = dispatch && c.assistUnits.length ? await this.uow.read(UNITS).findActiveByNames(c.assistUnits) : [];
      const snapshot = t.classification as SetItem['snapshot'];
      // Urgent or sensitive: the supervisors' alert goes in the set's unit of work.
      const alert = t.urgency === 'urgent' || c.sensitive ? supervisorAlert(this.config, this.facts, t, c) : null;
      set.push({
        t,
        alert,
        snapshot,
        unit: dispatch ? unit : null,
        assists,
        reason: dispatch ? `自动分拨（置信度 ${c.confidence.toFixed(3)}）` : (c.why.notAuto ?? '待人工分拨'),
        source,
        requester: requesters.get(t.requesterId ?? -1) ?? null,
      });
    }
    if (set.length && (await this.dispatch(set))) {
      for (const { t, unit } of set) out.push({ ticketId: t.id, result: unit ? 'dispatched' : 'triage', classification: items.find((i) => i.t === t)?.c });
    } else rest.push(...set.map(({ t }) => t.id));
    return { rest: rest.sort((a, b) => when(a) - when(b) || a - b), order };
  }

  /** False when the set could not be written (a ticket changed meanwhile, deadlocks): its tickets go one by one. */
  private async dispatch(set: SetItem[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await dispatchSet(this.uow, { config: this.config, book: this.book, facts: this.facts, actor: ROUTER, now: this.clock.now() }, set);
        return true;
      } catch (e) {
        // A ticket changed meanwhile: what was read is stale, the one-by-one path reads it again.
        if (e instanceof TicketConflictError) return false;
        if (isDeadlock(e)) {
          // Parallel dispatches can deadlock (MariaDB rolls one back): a short, uneven pause, then again.
          if (attempt >= SET_ATTEMPTS) return false;
        } else if (isDatabaseUnavailable(e)) throw e;
        else {
          this.log.warn(`dispatching ${set.length} tickets together failed (${(e as Error).message}); routing them one by one`);
          return false;
        }
        await new Promise((r) => setTimeout(r, attempt * (10 + Math.random() * 40)));
      }
    }
  }
}
