import { Inject, Injectable, Logger } from '@nestjs/common';
import { Classifier, RoutingRule } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { isDatabaseUnavailable, ROUTING_RULES, SOURCES, TICKETS, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { TicketConflictError } from '../../ticket-errors';
import { DispatchTicketUseCase } from '../dispatch-ticket/dispatch-ticket.usecase';
import { MergeTicketsUseCase } from '../merge-tickets/merge-tickets.usecase';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { CLASSIFIER_SOURCE, ClassifierSource } from './classifier-source';
import { findOpenRepeat } from './find-open-repeat';
import { flagCluster } from './flag-cluster';
import { RouteNewTicketsCommand } from './route-new-tickets.command';
import { alertSupervisors, classifyTicket, Lookups, once, RouteOutcome, ROUTER, triageContext } from './routing-steps';
import { SetRouter } from './set-router';

export type { RouteOutcome } from './routing-steps';
const CONFLICT_ATTEMPTS = 5;

/**
 * After intake: classify, merge repeats into the open ticket, flag clusters, alert on urgent and
 * sensitive items, dispatch the confident ones and leave the rest in triage with suggestions.
 * Idempotent: a ticket no longer `received` is left alone, so a repeated job does nothing.
 */
@Injectable()
export class RouteNewTicketsUseCase {
  private readonly log = new Logger('router');
  private readonly sets: SetRouter;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFIER_SOURCE) private readonly classifiers: ClassifierSource,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly dispatch: DispatchTicketUseCase,
    private readonly merge: MergeTicketsUseCase,
  ) {
    this.sets = new SetRouter(uow, config, clock, book, facts);
  }

  async execute(input: RouteNewTicketsCommand): Promise<RouteOutcome[]> {
    const { ticketIds } = validateCommand(RouteNewTicketsCommand, input);
    const classifier = this.classifiers.get();
    const rules = await this.uow.read(ROUTING_RULES).listEnabled();
    classifier.setRules(
      rules.map((r) => ({
        id: r.id,
        name: r.name,
        priority: r.priority,
        enabled: r.enabled,
        conditions: (r.conditions ?? {}) as RoutingRule['conditions'],
        actions: (r.actions ?? {}) as RoutingRule['actions'],
        version: r.version,
      })),
    );
    const out: RouteOutcome[] = [];
    const lookups: Lookups = { sources: new Map(), units: new Map() };
    // A job of several (an export's rows): the confident ones are dispatched together, the rest one by one.
    const { rest, order } = ticketIds.length > 1 ? await this.sets.route(ticketIds, classifier, lookups, out) : { rest: ticketIds, order: ticketIds };
    for (const id of rest) {
      try {
        out.push(await this.routeOneRetrying(id, classifier, lookups));
      } catch (e) {
        // The database away: the job fails and the queue tries it again within seconds (the
        // tickets routed so far are skipped then), instead of leaving the rest to the triage sweep.
        if (isDatabaseUnavailable(e)) throw e;
        // One bad ticket must not hold up the batch; it stays `received` and the triage sweep retries it.
        this.log.warn(`ticket ${id}: routing failed: ${(e as Error).message}`);
        out.push({ ticketId: id, result: 'skipped' });
      }
    }
    // Earliest received first, as they were routed.
    const at = new Map(order.map((id, i) => [id, i]));
    return out.sort((a, b) => (at.get(a.ticketId) ?? 0) - (at.get(b.ticketId) ?? 0));
  }

  /**
   * A ticket changed meanwhile (a repeat merged into the open ticket that another job was routing
   * at that moment) is routed again at once from what is now there, not left for the triage sweep.
   */
  private async routeOneRetrying(id: number, classifier: Classifier, lookups: Lookups): Promise<RouteOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.routeOne(id, classifier, lookups);
      } catch (e) {
        if (!(e instanceof TicketConflictError) || attempt >= CONFLICT_ATTEMPTS) throw e;
        // Two workers dispatching new tickets at once can deadlock on the assignments index (MariaDB
        // rolls one back): a short, uneven pause before the next try, so they do not meet again.
        await new Promise((r) => setTimeout(r, attempt * (10 + Math.random() * 40)));
      }
    }
  }

  private async routeOne(id: number, classifier: Classifier, lookups: Lookups): Promise<RouteOutcome> {
    const tickets = this.uow.read(TICKETS);
    const t = await tickets.findById(id);
    if (!t || t.status !== 'received') return { ticketId: id, result: 'skipped' };
    const source = await once(lookups.sources, t.sourceId, () => this.uow.read(SOURCES).findById(t.sourceId));
    const { c, snapshot, urgency } = classifyTicket(classifier, t, source);
    await tickets.update(t.id, { classification: snapshot, category: c.category, region: c.region, urgency });
    Object.assign(t, { classification: snapshot, category: c.category, region: c.region, urgency });

    const repeat = await findOpenRepeat(this.uow, t, c);
    if (repeat) {
      const basis = repeat.basis === 'place_and_category' ? `同一地点同一类别：${c.why.place?.name ?? ''} ${c.category}` : `内容相似度 ${repeat.similarity}`;
      await this.merge.execute({ ticketId: t.id, targetTicketId: repeat.id, actor: ROUTER, reason: `重复件（同一诉求人，${basis}）` });
      return { ticketId: id, result: 'merged', classification: c };
    }
    if (urgency === 'urgent' || c.sensitive) await alertSupervisors(this.uow, this.config, this.facts, t, c);
    await flagCluster(this.uow, this.config, ROUTER, () => this.clock.now(), t, c);

    const department = c.department;
    const unit = department ? await once(lookups.units, department, () => this.uow.read(UNITS).findActiveByName(department)) : null;
    if (c.auto && c.disposition === 'dispatch' && unit) {
      const assists = c.assistUnits.length ? await this.uow.read(UNITS).findActiveByNames(c.assistUnits) : [];
      await this.dispatch.execute({
        ticketId: t.id,
        unitId: unit.id,
        assistUnitIds: assists.map((u) => u.id),
        reason: `自动分拨（置信度 ${c.confidence.toFixed(3)}）`,
        actor: ROUTER,
      });
      return { ticketId: id, result: 'dispatched', classification: c };
    }
    const ctx = triageContext(t, source?.name ?? null);
    await runTransition(
      this.uow,
      t.id,
      { action: 'accept', actor: ROUTER, at: this.clock.now(), reason: c.why.notAuto ?? '待人工分拨' },
      async ({ tx, ticket }) => {
        await this.book.open(tx, { ticketId: ticket.id, stage: 'dispatch', start: ticket.receivedAt, ctx });
      },
    );
    return { ticketId: id, result: 'triage', classification: c };
  }
}
