import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { Classification, Classifier, detectClusters, findRepeat, MatterItem, ModelStore, RepeatMatch, RoutingRule } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  ClassificationSnapshot, ClusterEntity, RequesterEntity, RoutingRuleEntity, SourceEntity, TicketEntity, UnitEntity,
} from '@hub/database';
import { Actor, Channel, CLOCK, Clock, OPEN_STATUSES, Urgency } from '@hub/domain';
import { queueMail } from '@hub/notify';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { applyTransition, recordEvent, TicketConflictError, ticketNumber } from '@hub/tickets';
import { DeadlineBook } from './deadline-book';
import { DEADLINE_PLANNER, DeadlinePlanner } from './deadline-planner';
import { TicketActionsService } from './ticket-actions.service';

export const CLASSIFIER_SOURCE = Symbol('CLASSIFIER_SOURCE');
/** Where the current classifier comes from (the active model under HUB_DATA_DIR, reloaded when it changes). */
export interface ClassifierSource {
  get(): Classifier;
}

const ROUTER: Actor = { kind: 'system', id: null, name: '智能分拨' };
const REPEAT_WINDOW_DAYS = 30;
const CLUSTER_WINDOW_HOURS = 72;
const CLUSTER_MIN_REQUESTERS = 3;
const CONFLICT_ATTEMPTS = 3;

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
export class RouteTicketsUseCase {
  private readonly log = new Logger('router');
  private readonly book: DeadlineBook;

  constructor(
    private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLASSIFIER_SOURCE) private readonly classifiers: ClassifierSource,
    private readonly actions: TicketActionsService,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(DEADLINE_PLANNER) planner: DeadlinePlanner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.book = new DeadlineBook(planner);
  }

  async route(ticketIds: number[]): Promise<RouteOutcome[]> {
    const classifier = this.classifiers.get();
    const rules = await this.ds.getRepository(RoutingRuleEntity).find({ where: { enabled: true } });
    classifier.setRules(rules.map((r) => ({ id: r.id, name: r.name, priority: r.priority, enabled: r.enabled, conditions: (r.conditions ?? {}) as RoutingRule['conditions'], actions: (r.actions ?? {}) as RoutingRule['actions'], version: r.version })));
    const out: RouteOutcome[] = [];
    for (const id of await this.inOrderReceived(ticketIds)) {
      try {
        out.push(await this.routeOneRetrying(id, classifier));
      } catch (e) {
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
    const rows = await this.ds.getRepository(TicketEntity).find({ where: { id: In(ticketIds) }, select: ['id', 'receivedAt'] });
    const at = new Map(rows.map((r) => [r.id, r.receivedAt.getTime()]));
    const when = (id: number) => at.get(id) ?? Infinity;
    return [...ticketIds].sort((a, b) => when(a) - when(b) || a - b);
  }

  /**
   * A ticket changed meanwhile (a repeat merged into the open ticket that another job was routing
   * at that moment) is routed again at once from what is now there, not left for the triage sweep.
   */
  private async routeOneRetrying(id: number, classifier: Classifier): Promise<RouteOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.routeOne(id, classifier);
      } catch (e) {
        if (!(e instanceof TicketConflictError) || attempt >= CONFLICT_ATTEMPTS) throw e;
      }
    }
  }

  private async routeOne(id: number, classifier: Classifier): Promise<RouteOutcome> {
    const t = await this.ds.getRepository(TicketEntity).findOneBy({ id });
    if (!t || t.status !== 'received') return { ticketId: id, result: 'skipped' };
    const source = await this.ds.getRepository(SourceEntity).findOneBy({ id: t.sourceId });
    const c = classifier.classify({ text: `${t.subject ?? ''}\n${t.text}`, channel: t.channel, address: t.address, source: source?.name });
    const snapshot: ClassificationSnapshot = {
      category: c.category, region: c.region, department: c.department, urgency: c.urgency, disposition: c.disposition,
      confidence: c.confidence, auto: c.auto, suggestions: c.suggestions, why: c.why as unknown as Record<string, unknown>,
      modelVersion: classifier.model.version,
    };
    // The requester's own earlier words win over the model on urgency only when they say urgent.
    const urgency: Urgency = t.urgency === 'urgent' || c.urgency === 'urgent' ? 'urgent' : 'normal';
    await this.ds.getRepository(TicketEntity).update(t.id, { classification: snapshot as never, category: c.category, region: c.region, urgency });
    Object.assign(t, { classification: snapshot, category: c.category, region: c.region, urgency });

    const repeat = await this.findOpenRepeat(t, c);
    if (repeat) {
      const basis = repeat.basis === 'place_and_category' ? `同一地点同一类别：${c.why.place?.name ?? ''} ${c.category}` : `内容相似度 ${repeat.similarity}`;
      await this.actions.merge(t.id, repeat.id, ROUTER, `重复件（同一诉求人，${basis}）`);
      return { ticketId: id, result: 'merged', classification: c };
    }
    if (urgency === 'urgent' || c.sensitive) await this.alertSupervisors(t, c);
    await this.flagCluster(t, c);

    const unit = c.department ? await this.ds.getRepository(UnitEntity).findOneBy({ name: c.department, active: true }) : null;
    if (c.auto && c.disposition === 'dispatch' && unit) {
      const assists = c.assistUnits.length ? await this.ds.getRepository(UnitEntity).findBy({ name: In(c.assistUnits), active: true }) : [];
      await this.actions.dispatch(t.id, { unitId: unit.id, assistUnitIds: assists.map((u) => u.id), reason: `自动分拨（置信度 ${c.confidence.toFixed(3)}）` }, ROUTER);
      return { ticketId: id, result: 'dispatched', classification: c };
    }
    await applyTransition(this.ds, t.id, { action: 'accept', actor: ROUTER, at: this.clock.now(), reason: c.why.notAuto ?? '待人工分拨' }, async ({ m, ticket }) => {
      await this.book.open(m, { ticketId: ticket.id, stage: 'dispatch', start: ticket.receivedAt, ctx: { channel: ticket.channel as Channel, urgency, category: ticket.category, source: source?.name ?? null } });
    });
    return { ticketId: id, result: 'triage', classification: c };
  }

  private async matterOf(t: TicketEntity, c?: Classification): Promise<MatterItem> {
    const r = t.requesterId ? await this.ds.getRepository(RequesterEntity).findOneBy({ id: t.requesterId }) : null;
    return {
      id: t.id, text: t.text, requester: r ? { phone: r.phone, email: r.email, idNumber: r.idNumber } : null,
      region: t.region, place: c?.why.place?.name ?? (t.classification?.why as { place?: { name?: string } } | undefined)?.place?.name ?? null,
      category: t.category, at: t.receivedAt,
    };
  }

  /** 同人+同事: an open ticket of the same requester about the same matter within the window. */
  private async findOpenRepeat(t: TicketEntity, c: Classification): Promise<{ id: number; similarity: number; basis: RepeatMatch['basis'] } | null> {
    if (!t.requesterId) return null;
    const r = await this.ds.getRepository(RequesterEntity).findOneBy({ id: t.requesterId });
    if (!r || !(r.phone || r.email || r.idNumber)) return null;
    const same = await this.ds.getRepository(RequesterEntity).find({
      where: [r.phone ? { phone: r.phone } : null, r.email ? { email: r.email } : null, r.idNumber ? { idNumber: r.idNumber } : null].filter(Boolean) as never,
      select: ['id'],
    });
    const since = new Date(t.receivedAt.getTime() - REPEAT_WINDOW_DAYS * 86400_000);
    const candidates = await this.ds.getRepository(TicketEntity).find({
      where: { requesterId: In(same.map((x) => x.id)), status: In(OPEN_STATUSES as string[]), receivedAt: MoreThan(since) },
      order: { receivedAt: 'DESC' }, take: 50,
    });
    // One not yet routed counts when it came first: two calls routed at the same moment (another
    // job, another worker) would otherwise both be dispatched; the later always joins the earlier.
    const earlier = (x: TicketEntity) => x.receivedAt < t.receivedAt || (x.receivedAt.getTime() === t.receivedAt.getTime() && x.id < t.id);
    const others = candidates.filter((x) => x.id !== t.id && (x.status !== 'received' || earlier(x)));
    if (!others.length) return null;
    const match = findRepeat(await this.matterOf(t, c), await Promise.all(others.map((o) => this.matterOf(o))), { windowDays: REPEAT_WINDOW_DAYS });
    return match ? { id: Number(match.ticketId), similarity: match.similarity, basis: match.basis } : null;
  }

  /** 集体访 / 热点: many different requesters on the same place and matter in a window. */
  private async flagCluster(t: TicketEntity, c: Classification): Promise<void> {
    if (!c.why.place && !t.region) return;
    const since = new Date(t.receivedAt.getTime() - CLUSTER_WINDOW_HOURS * 3600_000);
    const recent = await this.ds.getRepository(TicketEntity).find({
      where: { category: t.category ?? undefined, region: t.region ?? undefined, receivedAt: MoreThan(since) }, take: 200, order: { id: 'DESC' },
    });
    if (recent.length < CLUSTER_MIN_REQUESTERS) return;
    const items = await Promise.all(recent.map((x) => this.matterOf(x, x.id === t.id ? c : undefined)));
    const cluster = detectClusters(items, { windowHours: CLUSTER_WINDOW_HOURS, minRequesters: CLUSTER_MIN_REQUESTERS })
      .find((cl) => cl.itemIds.map(Number).includes(t.id));
    if (!cluster) return;
    // The same episode goes on under the cluster its tickets already belong to; the same place and
    // matter weeks later is a new collective matter, flagged to supervisors again.
    const members = new Set(cluster.itemIds.map(Number));
    const known = recent.filter((x) => members.has(x.id) && x.clusterId).map((x) => x.clusterId as number);
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(ClusterEntity);
      let row = known.length ? await repo.findOneBy({ id: Math.max(...known) }) : null;
      const isNew = !row;
      row ??= repo.create({ key: `${cluster.key.slice(0, 170)}#${cluster.firstAt}`, status: 'flagged', flaggedAt: this.clock.now() });
      Object.assign(row, {
        category: cluster.category, region: cluster.region, title: `${cluster.place ?? cluster.region ?? ''} ${cluster.category ?? ''}`.trim().slice(0, 300) || '集体诉求',
        firstAt: new Date(cluster.firstAt), lastAt: new Date(cluster.lastAt), ticketCount: cluster.itemIds.length, requesterCount: cluster.requesters,
      });
      row = await repo.save(row);
      await m.getRepository(TicketEntity).update({ id: In(cluster.itemIds.map(Number)) }, { clusterId: row.id });
      if (isNew) {
        await recordEvent(m, t.id, 'cluster_flagged', ROUTER, this.clock.now(), { data: { clusterId: row.id, requesters: cluster.requesters } });
        const id = await queueMail(m, {
          dedupeKey: `cluster-${row.id}`, kind: 'alert', to: this.config.units.supervisors.map((s) => s.email),
          subject: `【集体诉求】${row.title}：${cluster.requesters} 位诉求人`,
          text: `${CLUSTER_WINDOW_HOURS} 小时内 ${cluster.requesters} 位不同诉求人反映同一地点同一事项：${row.title}。\n请督办关注。\n`,
          ticketId: t.id,
        });
        if (id) await this.jobs.add('mail-send', { outboxId: id }).catch(() => undefined);
      }
    });
  }

  /** Urgent or sensitive (gas, fire, threats of extreme action...): the duty supervisor hears at once. */
  private async alertSupervisors(t: TicketEntity, c: Classification): Promise<void> {
    const to = this.config.units.supervisors.map((s) => s.email);
    if (!to.length) return;
    const number = ticketNumber(this.config.env.ticketPrefix, t);
    const id = await this.ds.transaction((m) => queueMail(m, {
      dedupeKey: `urgent-${t.id}`, kind: 'alert', to, ticketId: t.id,
      subject: `【紧急${c.sensitive ? '·敏感' : ''}】工单 ${number}：${(t.subject || t.text).slice(0, 30)}`,
      text: `工单 ${number} 判定为${c.sensitive ? '紧急敏感件' : '紧急件'}（${c.why.urgencySignals.join('、') || '紧急'}）。\n\n${t.text}\n\n${this.config.env.publicUrl}/#/tickets/${t.id}\n`,
    }));
    if (id) await this.jobs.add('mail-send', { outboxId: id }).catch(() => undefined);
  }
}

/** Loads the active model from HUB_DATA_DIR and reloads it when another process trains a new one. */
export class ActiveModelClassifierSource implements ClassifierSource {
  private current: Classifier | null = null;
  private checkedAt = 0;

  constructor(private readonly config: HubConfig, private readonly ensure: (config: HubConfig) => Classifier) {}

  get(): Classifier {
    const now = Date.now();
    if (!this.current || now - this.checkedAt > 30_000) {
      this.checkedAt = now;
      const active = new ModelStore(this.config.env.dataDir).activeVersion();
      if (!this.current || (active && active !== this.current.model.version)) this.current = this.ensure(this.config);
    }
    return this.current;
  }
}
