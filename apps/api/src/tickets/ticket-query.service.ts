import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  ASSIGNMENTS,
  ATTACHMENTS,
  DEADLINES,
  InboxView,
  REQUESTERS,
  SOURCES,
  TASKS,
  TICKET_EVENTS,
  TICKET_INBOX,
  TicketEntity,
  TicketInboxFilter,
  TICKETS,
  UnitOfWork,
  UNITS,
} from '@hub/database';
import { availableActions, CLOCK, Clock, STATUS_LABELS, TicketStatus, WITH_UNIT_STATUSES } from '@hub/domain';
import { maskEmail, maskName, maskPhone } from '@hub/notify';
import { ActionRefusedError, ticketNumber, TicketNotFoundError } from '@hub/tickets';
import type { SessionUser } from '../auth/auth.decorators';
import { actionsForUnit } from './unit-actions';

export const TICKET_VIEWS = ['triage', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned', 'all'] as const;

export interface TicketListQuery {
  status?: string;
  unit?: number;
  category?: string;
  region?: string;
  source?: string;
  overdue?: boolean;
  /** Received at or after this instant. */
  from?: Date;
  /** Received before this instant. */
  to?: Date;
  q?: string;
  view?: (typeof TICKET_VIEWS)[number];
  page?: number;
  pageSize?: number;
}

const DUE_SOON_MS = 24 * 3600_000;

/**
 * Reads tickets for the console and the API. A unit user only ever sees tickets one of its units
 * was given: the scope is applied in the query itself, so another unit's ticket is simply absent.
 */
@Injectable()
export class TicketQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The units whose tickets a user sees: a unit user's own; null for the desk (every ticket). */
  private scope(user: SessionUser): number[] | null {
    return user.role === 'unit' ? user.unitIds : null;
  }

  /** Throws not-found unless the user may see the ticket. */
  async visible(user: SessionUser, id: number): Promise<TicketEntity> {
    const t = await this.uow.read(TICKET_INBOX).findVisible(id, this.scope(user));
    if (!t) throw new TicketNotFoundError(id);
    return t;
  }

  /**
   * The unit on whose behalf a unit user acts: the one of theirs that holds the ticket, lead first.
   * A ticket the unit still sees but no longer holds (closed, reassigned away) is said to be so,
   * not "not found".
   */
  async actingUnit(user: SessionUser, id: number): Promise<number> {
    const rows = await this.uow.read(ASSIGNMENTS).listActive(id);
    const mine = rows.filter((a) => user.unitIds.includes(a.unitId)).sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.id - b.id);
    if (!mine.length) {
      const t = await this.visible(user, id);
      throw new ActionRefusedError(
        `your unit no longer holds this ticket: it is ${t.status} (${STATUS_LABELS[t.status as TicketStatus]}); there is nothing to do on it`,
      );
    }
    return mine[0].unitId;
  }

  async list(user: SessionUser, q: TicketListQuery) {
    const now = this.clock.now();
    const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 200);
    const page = Math.max(q.page ?? 1, 1);
    const { rows, total } = await this.uow.read(TICKET_INBOX).page(this.filter(user, q, now), page, pageSize);
    return { total, page, pageSize, items: await this.summaries(rows, now) };
  }

  /** The list's filter: the user's scope, the inbox view and the filters. */
  private filter(user: SessionUser, q: TicketListQuery, now: Date): TicketInboxFilter {
    const unitIds = user.role === 'unit' ? (q.unit && user.unitIds.includes(q.unit) ? [q.unit] : user.unitIds) : q.unit ? [q.unit] : null;
    const unitUser = user.role === 'unit';
    let view: InboxView | undefined;
    switch (q.view) {
      case 'triage':
        view = { kind: 'statuses', statuses: ['received', 'accepted', 'returned'] };
        break;
      // A unit's inbox follows its own assignment: an assisting unit (协办) has a 签收 of its own to
      // do after the lead unit has signed and the ticket is 办理中, and is 办理中 only once it signed.
      case 'pending_ack':
        view = { kind: 'active_assignment', statuses: unitUser ? [...WITH_UNIT_STATUSES] : ['dispatched', 'reopened'], step: 'unacknowledged', unitIds };
        break;
      case 'in_progress':
        view = unitUser
          ? { kind: 'active_assignment', statuses: [...WITH_UNIT_STATUSES], step: 'in_hand', unitIds }
          : { kind: 'active_assignment', statuses: ['acknowledged', 'extension_requested'], unitIds };
        break;
      case 'due_soon':
        view = { kind: 'due_soon', until: new Date(now.getTime() + DUE_SOON_MS), unitIds };
        break;
      case 'overdue':
        view = { kind: 'overdue', unitIds };
        break;
      case 'returned':
        view = { kind: 'returned', unitIds };
        break;
      default:
        if (unitIds && q.unit) view = { kind: 'given_to', unitIds };
    }
    return {
      scopeUnitIds: this.scope(user),
      view,
      statuses: q.status ? q.status.split(',').map((s) => s.trim()) : undefined,
      category: q.category,
      region: q.region,
      source: q.source,
      overdue: q.overdue,
      from: q.from,
      to: q.to,
      text: q.q,
      now,
    };
  }

  private async summaries(rows: TicketEntity[], now: Date) {
    const ids = rows.map((r) => r.id);
    const [sources, units, deadlines] = await Promise.all([
      this.uow.read(SOURCES).listAll(),
      this.uow.read(UNITS).listAll(),
      this.uow.read(DEADLINES).listOpenForTickets(ids),
    ]);
    return rows.map((t) => {
      const open = deadlines.filter((d) => d.ticketId === t.id).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const next = open[0];
      return {
        id: t.id,
        number: ticketNumber(this.config.env.ticketPrefix, t),
        status: t.status,
        statusLabel: STATUS_LABELS[t.status as TicketStatus],
        channel: t.channel,
        source: sources.find((s) => s.id === t.sourceId)?.name ?? null,
        subject: t.subject,
        summary: t.text.slice(0, 120),
        receivedAt: t.receivedAt,
        category: t.category,
        region: t.region,
        urgency: t.urgency,
        leadUnit: units.find((u) => u.id === t.leadUnitId)?.name ?? null,
        leadUnitId: t.leadUnitId,
        confidence: t.classification?.confidence ?? null,
        suggestion: t.classification?.department ?? null,
        nextDeadline: next ? { stage: next.stage, dueAt: next.dueAt, overdue: next.dueAt < now, paused: Boolean(next.pausedAt) } : null,
        repeatCount: t.repeatCount,
      };
    });
  }

  async counts(user: SessionUser) {
    const views: NonNullable<TicketListQuery['view']>[] =
      user.role === 'unit'
        ? ['pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned']
        : ['triage', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned'];
    const out: Record<string, number> = {};
    const now = this.clock.now();
    for (const v of views) out[v] = await this.uow.read(TICKET_INBOX).count(this.filter(user, { view: v }, now));
    return out;
  }

  async detail(user: SessionUser, id: number) {
    const t = await this.visible(user, id);
    const [source, requester, assignments, events, deadlines, attachments, tasks, units, merged] = await Promise.all([
      this.uow.read(SOURCES).findById(t.sourceId),
      t.requesterId ? this.uow.read(REQUESTERS).findById(t.requesterId) : null,
      this.uow.read(ASSIGNMENTS).listForTicket(id),
      this.uow.read(TICKET_EVENTS).listForTicket(id),
      this.uow.read(DEADLINES).listForTicket(id),
      this.uow.read(ATTACHMENTS).listForTicket(id),
      this.uow.read(TASKS).listForTicket(id),
      this.uow.read(UNITS).listAll(),
      this.uow.read(TICKETS).listMergedInto(id),
    ]);
    const unitName = (uid: number | null) => units.find((u) => u.id === uid)?.name ?? null;
    const mask = user.role === 'unit' && t.confidential;
    const now = this.clock.now();
    const prefix = this.config.env.ticketPrefix;
    return {
      id: t.id,
      number: ticketNumber(prefix, t),
      status: t.status,
      statusLabel: STATUS_LABELS[t.status as TicketStatus],
      channel: t.channel,
      source: source?.name ?? null,
      externalId: t.externalId,
      subject: t.subject,
      text: t.text,
      address: t.address,
      receivedAt: t.receivedAt,
      category: t.category,
      region: t.region,
      urgency: t.urgency,
      disposition: t.disposition,
      confidential: t.confidential,
      outcome: t.outcome,
      rating: t.rating,
      leadUnitId: t.leadUnitId,
      leadUnit: unitName(t.leadUnitId),
      replyDueAt: t.replyDueAt,
      repliedAt: t.repliedAt,
      closedAt: t.closedAt,
      mergedIntoId: t.mergedIntoId,
      repeatCount: t.repeatCount,
      clusterId: t.clusterId,
      classification: user.role === 'unit' ? null : t.classification,
      requester: requester
        ? {
            name: mask ? maskName(requester.name) : requester.name,
            phone: mask ? maskPhone(requester.phone) : requester.phone,
            email: mask ? maskEmail(requester.email) : requester.email,
            idNumber: mask || !requester.idNumber ? null : requester.idNumber,
            address: mask ? null : requester.address,
            masked: mask,
          }
        : null,
      assignments: assignments.map((a) => ({ ...a, unit: unitName(a.unitId) })),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actor: e.actorName,
        actorKind: e.actorKind,
        at: e.at,
        reason: e.reason,
        data: mask ? null : e.data,
      })),
      deadlines: deadlines.map((d) => ({
        id: d.id,
        stage: d.stage,
        unit: unitName(d.unitId),
        startAt: d.startAt,
        dueAt: d.dueAt,
        status: d.status,
        metAt: d.metAt,
        paused: Boolean(d.pausedAt),
        overdue: d.status === 'open' && d.dueAt < now,
        lastLevelSent: d.lastLevelSent,
        warnings: d.warnings ?? [],
      })),
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, tooLarge: a.tooLarge })),
      tasks,
      repeats: merged.map((r) => ({ id: r.id, number: ticketNumber(prefix, r), receivedAt: r.receivedAt, summary: r.text.slice(0, 100) })),
      actions:
        user.role === 'unit'
          ? actionsForUnit(
              t.status as TicketStatus,
              assignments.filter((a) => a.status === 'active' && user.unitIds.includes(a.unitId)),
            )
          : availableActions(t.status as TicketStatus),
    };
  }

  async attachment(user: SessionUser, ticketId: number, attachmentId: number) {
    await this.visible(user, ticketId);
    const a = await this.uow.read(ATTACHMENTS).findOfTicket(ticketId, attachmentId);
    if (!a || !a.path) throw new TicketNotFoundError(ticketId);
    return { ...a, absolutePath: `${this.config.env.dataDir}/${a.path}` };
  }
}
