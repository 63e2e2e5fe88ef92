import { Inject, Injectable, Logger } from '@nestjs/common';
import { Classification, Classifier, RoutingRule } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  ClassificationSnapshot,
  isDatabaseUnavailable,
  ROUTING_RULES,
  SOURCES,
  SourceEntity,
  TicketEntity,
  TICKETS,
  UnitOfWork,
  UnitEntity,
  UNITS,
  validateCommand,
} from '@hub/database';
import { Actor, CLOCK, Clock, Urgency } from '@hub/domain';
import { urgentAlert } from '@hub/notify';
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

const ROUTER: Actor = { kind: 'system', id: null, name: '智能分拨' };

/** Sources and units read once per job (a file's tickets mostly share both): what a job's tickets look up, by id or name. */
interface Lookups {
  sources: Map<number, Promise<SourceEntity | null>>;
  units: Map<string, Promise<UnitEntity | null>>;
}

function once<K, V>(cache: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let hit = cache.get(key);
  if (!hit) {
    hit = read();
    cache.set(key, hit);
    // A failed read (the database away) is not kept: the job fails and its retry reads again.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
const CONFLICT_ATTEMPTS = 5;

export interface RouteOutcome {
  ticketId: number;
  result: 'dispatched' | 'triage' | 'merged' | 'skipped';
  classification?: Classification;
}

/**
 * After intake: classify, merge repeats into the open ticket, flag clusters, alert on urgent and
 * sensitive items, dispatch the confident ones and leave the rest in triage with suggestions.
 * Idempotent: a ticket no longer `received` is left alone, so a repeated job does nothing.
 */
@Injectable()
export class RouteNewTicketsUseCase {
  private readonly log = new Logger('router');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFIER_SOURCE) private readonly classifiers: ClassifierSource,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly dispatch: DispatchTicketUseCase,
    private readonly merge: MergeTicketsUseCase,
  ) {}

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
    for (const id of await this.inOrderReceived(ticketIds)) {
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
    return out;
  }

  /**
   * Earliest received first, whatever order the batch came in (an export sorted newest first): a
   * caller's first call becomes the open ticket and the later ones are merged into it.
   */
  private async inOrderReceived(ticketIds: number[]): Promise<number[]> {
    if (ticketIds.length < 2) return ticketIds;
    const rows = await this.uow.read(TICKETS).receivedAtOf(ticketIds);
    const at = new Map(rows.map((r) => [r.id, r.receivedAt.getTime()]));
    const when = (id: number) => at.get(id) ?? Infinity;
    return [...ticketIds].sort((a, b) => when(a) - when(b) || a - b);
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
    const c = classifier.classify({ text: `${t.subject ?? ''}\n${t.text}`, channel: t.channel, address: t.address, source: source?.name });
    const snapshot: ClassificationSnapshot = {
      category: c.category,
      region: c.region,
      department: c.department,
      urgency: c.urgency,
      urgencySuspected: c.urgencySuspected,
      urgencyScore: c.urgencyScore,
      disposition: c.disposition,
      confidence: c.confidence,
      auto: c.auto,
      suggestions: c.suggestions,
      why: c.why as unknown as Record<string, unknown>,
      modelVersion: classifier.model.version,
    };
    // The requester's own earlier words win over the model on urgency only when they say urgent.
    const urgency: Urgency = t.urgency === 'urgent' || c.urgency === 'urgent' ? 'urgent' : 'normal';
    await tickets.update(t.id, { classification: snapshot, category: c.category, region: c.region, urgency });
    Object.assign(t, { classification: snapshot, category: c.category, region: c.region, urgency });

    const repeat = await findOpenRepeat(this.uow, t, c);
    if (repeat) {
      const basis = repeat.basis === 'place_and_category' ? `同一地点同一类别：${c.why.place?.name ?? ''} ${c.category}` : `内容相似度 ${repeat.similarity}`;
      await this.merge.execute({ ticketId: t.id, targetTicketId: repeat.id, actor: ROUTER, reason: `重复件（同一诉求人，${basis}）` });
      return { ticketId: id, result: 'merged', classification: c };
    }
    if (urgency === 'urgent' || c.sensitive) await this.alertSupervisors(t, c);
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
    const ctx = { channel: t.channel, urgency, category: t.category, source: source?.name ?? null };
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

  /** Urgent or sensitive (gas, fire, threats of extreme action...): the duty supervisor hears at once. */
  private async alertSupervisors(t: TicketEntity, c: Classification): Promise<void> {
    const to = this.config.units.supervisors.map((s) => s.email);
    if (!to.length) return;
    const alert = urgentAlert(
      { number: this.facts.number(t), subject: t.subject, text: t.text },
      Boolean(c.sensitive),
      c.why.urgencySignals,
      this.facts.link(t),
    );
    await this.uow.run((tx) => tx.mail({ dedupeKey: `urgent-${t.id}`, kind: 'alert', to, ticketId: t.id, ...alert }));
  }
}
