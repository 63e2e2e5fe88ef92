import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  AssignmentEntity, AttachmentEntity, DeadlineEntity, RequesterEntity, SourceEntity, TaskEntity, TicketEntity, TicketEventEntity, UnitEntity,
} from '@hub/database';
import { availableActions, CLOCK, Clock, STATUS_LABELS, TicketStatus, WITH_UNIT_STATUSES } from '@hub/domain';
import { maskEmail, maskName, maskPhone } from '@hub/notify';
import { ticketNumber, TicketNotFoundError } from '@hub/tickets';
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

/** Text searched for as typed: 减免50% finds "减免50%", not "减免50" followed by anything. */
function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, '!$&');
}

/**
 * Reads tickets for the console and the API. A unit user only ever sees tickets one of its units
 * was given: the scope is applied in the query itself, so another unit's ticket is simply absent.
 */
@Injectable()
export class TicketQueryService {
  constructor(private readonly ds: DataSource, @Inject(HUB_CONFIG) private readonly config: HubConfig, @Inject(CLOCK) private readonly clock: Clock) {}

  scope(qb: SelectQueryBuilder<TicketEntity>, user: SessionUser, alias = 't'): SelectQueryBuilder<TicketEntity> {
    if (user.role !== 'unit') return qb;
    const ids = user.unitIds.length ? user.unitIds : [-1];
    return qb.andWhere(`EXISTS (SELECT 1 FROM assignments sa WHERE sa.ticketId = ${alias}.id AND sa.unitId IN (:...scopeUnits))`, { scopeUnits: ids });
  }

  /** Throws not-found unless the user may see the ticket. */
  async visible(user: SessionUser, id: number): Promise<TicketEntity> {
    const qb = this.ds.getRepository(TicketEntity).createQueryBuilder('t').where('t.id = :id', { id });
    const t = await this.scope(qb, user).getOne();
    if (!t) throw new TicketNotFoundError(id);
    return t;
  }

  async list(user: SessionUser, q: TicketListQuery) {
    const now = this.clock.now();
    const qb = this.filtered(user, q, now);
    const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 200);
    const page = Math.max(q.page ?? 1, 1);
    const [rows, total] = await qb.orderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { total, page, pageSize, items: await this.summaries(rows, now) };
  }

  /** The list's query: the user's scope, the inbox view and the filters. */
  private filtered(user: SessionUser, q: TicketListQuery, now: Date): SelectQueryBuilder<TicketEntity> {
    const qb = this.scope(this.ds.getRepository(TicketEntity).createQueryBuilder('t'), user);
    const unitIds = user.role === 'unit' ? (q.unit && user.unitIds.includes(q.unit) ? [q.unit] : user.unitIds) : q.unit ? [q.unit] : null;
    const activeFor = (status: string[], extra = '') =>
      qb.andWhere(`EXISTS (SELECT 1 FROM assignments va WHERE va.ticketId = t.id AND va.status = 'active' ${unitIds ? 'AND va.unitId IN (:...viewUnits)' : ''} ${extra})`, { viewUnits: unitIds ?? [] })
        .andWhere('t.status IN (:...viewStatus)', { viewStatus: status });
    switch (q.view) {
      case 'triage': qb.andWhere('t.status IN (:...st)', { st: ['received', 'accepted', 'returned'] }); break;
      // A unit's inbox follows its own assignment: an assisting unit (协办) has a 签收 of its own to
      // do after the lead unit has signed and the ticket is 办理中, and is 办理中 only once it signed.
      case 'pending_ack':
        if (user.role === 'unit') activeFor([...WITH_UNIT_STATUSES], 'AND va.acknowledgedAt IS NULL');
        else activeFor(['dispatched', 'reopened'], 'AND va.acknowledgedAt IS NULL');
        break;
      case 'in_progress':
        if (user.role === 'unit') activeFor([...WITH_UNIT_STATUSES], 'AND va.acknowledgedAt IS NOT NULL AND va.repliedAt IS NULL');
        else activeFor(['acknowledged', 'extension_requested']);
        break;
      case 'due_soon':
        qb.andWhere(`EXISTS (SELECT 1 FROM deadlines vd WHERE vd.ticketId = t.id AND vd.status = 'open' AND vd.pausedAt IS NULL AND vd.dueAt >= :now AND vd.dueAt < :soon ${unitIds ? 'AND vd.unitId IN (:...viewUnits)' : ''})`, { now, soon: new Date(now.getTime() + DUE_SOON_MS), viewUnits: unitIds ?? [] });
        break;
      case 'overdue':
        qb.andWhere(`EXISTS (SELECT 1 FROM deadlines vd WHERE vd.ticketId = t.id AND vd.status = 'open' AND vd.dueAt < :now ${unitIds ? 'AND vd.unitId IN (:...viewUnits)' : ''})`, { now, viewUnits: unitIds ?? [] });
        break;
      case 'returned':
        qb.andWhere(`EXISTS (SELECT 1 FROM assignments ra WHERE ra.ticketId = t.id AND ra.status = 'returned' ${unitIds ? 'AND ra.unitId IN (:...viewUnits)' : ''})`, { viewUnits: unitIds ?? [] });
        break;
      default:
        if (unitIds && q.unit) qb.andWhere('EXISTS (SELECT 1 FROM assignments ua WHERE ua.ticketId = t.id AND ua.unitId IN (:...viewUnits))', { viewUnits: unitIds });
    }
    if (q.status) qb.andWhere('t.status IN (:...statuses)', { statuses: q.status.split(',').map((s) => s.trim()) });
    if (q.category) qb.andWhere("t.category LIKE :cat ESCAPE '!'", { cat: `${likeLiteral(q.category)}%` });
    if (q.region) qb.andWhere('t.region = :region', { region: q.region });
    if (q.source) qb.andWhere('t.sourceId IN (SELECT s.id FROM sources s WHERE s.name = :source)', { source: q.source });
    if (q.overdue) qb.andWhere(`EXISTS (SELECT 1 FROM deadlines od WHERE od.ticketId = t.id AND od.status = 'open' AND od.dueAt < :now)`, { now });
    if (q.from) qb.andWhere('t.receivedAt >= :from', { from: q.from });
    if (q.to) qb.andWhere('t.receivedAt < :to', { to: q.to });
    if (q.q) {
      const like = `%${likeLiteral(q.q)}%`;
      qb.andWhere(new Brackets((w) => w.where("t.text LIKE :q ESCAPE '!'", { q: like }).orWhere("t.subject LIKE :q ESCAPE '!'", { q: like })));
    }
    return qb;
  }

  private async summaries(rows: TicketEntity[], now: Date) {
    const ids = rows.map((r) => r.id);
    const [sources, units, deadlines] = await Promise.all([
      this.ds.getRepository(SourceEntity).find(),
      this.ds.getRepository(UnitEntity).find(),
      ids.length ? this.ds.getRepository(DeadlineEntity).find({ where: { ticketId: In(ids), status: 'open' } }) : Promise.resolve([]),
    ]);
    return rows.map((t) => {
      const open = deadlines.filter((d) => d.ticketId === t.id).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const next = open[0];
      return {
        id: t.id, number: ticketNumber(this.config.env.ticketPrefix, t), status: t.status, statusLabel: STATUS_LABELS[t.status as TicketStatus],
        channel: t.channel, source: sources.find((s) => s.id === t.sourceId)?.name ?? null, subject: t.subject,
        summary: t.text.slice(0, 120), receivedAt: t.receivedAt, category: t.category, region: t.region, urgency: t.urgency,
        leadUnit: units.find((u) => u.id === t.leadUnitId)?.name ?? null, leadUnitId: t.leadUnitId,
        confidence: t.classification?.confidence ?? null, suggestion: t.classification?.department ?? null,
        nextDeadline: next ? { stage: next.stage, dueAt: next.dueAt, overdue: next.dueAt < now, paused: Boolean(next.pausedAt) } : null,
        repeatCount: t.repeatCount,
      };
    });
  }

  async counts(user: SessionUser) {
    const views: NonNullable<TicketListQuery['view']>[] = user.role === 'unit'
      ? ['pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned']
      : ['triage', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned'];
    const out: Record<string, number> = {};
    const now = this.clock.now();
    for (const v of views) out[v] = await this.filtered(user, { view: v }, now).getCount();
    return out;
  }

  async detail(user: SessionUser, id: number) {
    const t = await this.visible(user, id);
    const [source, requester, assignments, events, deadlines, attachments, tasks, units, merged] = await Promise.all([
      this.ds.getRepository(SourceEntity).findOneBy({ id: t.sourceId }),
      t.requesterId ? this.ds.getRepository(RequesterEntity).findOneBy({ id: t.requesterId }) : null,
      this.ds.getRepository(AssignmentEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.ds.getRepository(TicketEventEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.ds.getRepository(DeadlineEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.ds.getRepository(AttachmentEntity).find({ where: { ticketId: id } }),
      this.ds.getRepository(TaskEntity).find({ where: { ticketId: id } }),
      this.ds.getRepository(UnitEntity).find(),
      this.ds.getRepository(TicketEntity).find({ where: { mergedIntoId: id }, select: ['id', 'receivedAt', 'text', 'status'] }),
    ]);
    const unitName = (uid: number | null) => units.find((u) => u.id === uid)?.name ?? null;
    const mask = user.role === 'unit' && t.confidential;
    const now = this.clock.now();
    const prefix = this.config.env.ticketPrefix;
    return {
      id: t.id, number: ticketNumber(prefix, t), status: t.status, statusLabel: STATUS_LABELS[t.status as TicketStatus],
      channel: t.channel, source: source?.name ?? null, externalId: t.externalId, subject: t.subject, text: t.text,
      address: t.address, receivedAt: t.receivedAt, category: t.category, region: t.region, urgency: t.urgency,
      disposition: t.disposition, confidential: t.confidential, outcome: t.outcome, rating: t.rating,
      leadUnitId: t.leadUnitId, leadUnit: unitName(t.leadUnitId), replyDueAt: t.replyDueAt, repliedAt: t.repliedAt, closedAt: t.closedAt,
      mergedIntoId: t.mergedIntoId, repeatCount: t.repeatCount, clusterId: t.clusterId,
      classification: user.role === 'unit' ? null : t.classification,
      requester: requester ? {
        name: mask ? maskName(requester.name) : requester.name, phone: mask ? maskPhone(requester.phone) : requester.phone,
        email: mask ? maskEmail(requester.email) : requester.email, idNumber: mask || !requester.idNumber ? null : requester.idNumber,
        address: mask ? null : requester.address, masked: mask,
      } : null,
      assignments: assignments.map((a) => ({ ...a, unit: unitName(a.unitId) })),
      events: events.map((e) => ({ id: e.id, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actorName, actorKind: e.actorKind, at: e.at, reason: e.reason, data: mask ? null : e.data })),
      deadlines: deadlines.map((d) => ({
        id: d.id, stage: d.stage, unit: unitName(d.unitId), startAt: d.startAt, dueAt: d.dueAt, status: d.status, metAt: d.metAt,
        paused: Boolean(d.pausedAt), overdue: d.status === 'open' && d.dueAt < now, lastLevelSent: d.lastLevelSent, warnings: d.warnings ?? [],
      })),
      attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, tooLarge: a.tooLarge })),
      tasks,
      repeats: merged.map((r) => ({ id: r.id, number: ticketNumber(prefix, r), receivedAt: r.receivedAt, summary: r.text.slice(0, 100) })),
      actions: user.role === 'unit'
        ? actionsForUnit(t.status as TicketStatus, assignments.filter((a) => a.status === 'active' && user.unitIds.includes(a.unitId)))
        : availableActions(t.status as TicketStatus),
    };
  }

  async attachment(user: SessionUser, ticketId: number, attachmentId: number) {
    await this.visible(user, ticketId);
    const a = await this.ds.getRepository(AttachmentEntity).findOneBy({ id: attachmentId, ticketId });
    if (!a || !a.path) throw new TicketNotFoundError(ticketId);
    return { ...a, absolutePath: `${this.config.env.dataDir}/${a.path}` };
  }
}
