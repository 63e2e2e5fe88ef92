import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, ticketPrefixes } from '@hub/config';
import { handToCities } from './city-handover';
import {
  AssignmentEntity,
  ASSIGNMENTS,
  ATTACHMENTS,
  DeadlineEntity,
  DEADLINES,
  REQUESTERS,
  SOURCES,
  TASKS,
  TICKET_EVENTS,
  TICKET_INBOX,
  TicketEntity,
  TICKETS,
  UnitOfWork,
  UNITS,
} from '@hub/database';
import { availableActions, CLOCK, Clock, STATUS_LABELS } from '@hub/domain';
import { ActionRefusedError, OfferedActions, ticketNumber, TicketNotFoundError } from '@hub/tickets';
import { RawArchive } from '@hub/intake';
import type { SessionUser } from '../auth/auth.decorators';
import { personalDataOf, TicketPrivacy } from './ticket-privacy';
import { actionsForUnit } from './unit-actions';
import { upstreamSyncOf } from './upstream-sync';
import { inboxFilter, scopeOf, TicketListQuery } from './ticket-inbox-filter';

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
    private readonly offered: OfferedActions,
  ) {}

  /** Throws not-found unless the user may see the ticket. */
  async visible(user: SessionUser, id: number): Promise<TicketEntity> {
    const t = await this.uow.read(TICKET_INBOX).findVisible(id, scopeOf(user));
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
      throw new ActionRefusedError(`your unit no longer holds this ticket: it is ${t.status} (${STATUS_LABELS[t.status]}); there is nothing to do on it`);
    }
    return mine[0].unitId;
  }

  async list(user: SessionUser, q: TicketListQuery) {
    const now = this.clock.now();
    const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 200);
    const page = Math.max(q.page ?? 1, 1);
    const { rows, total, more } = await this.uow.read(TICKET_INBOX).page(inboxFilter(user, q, now, ticketPrefixes(this.config)), page, pageSize);
    return { total, more: Boolean(more), page, pageSize, items: await this.summaries(user, rows, now) };
  }

  private async summaries(user: SessionUser, rows: TicketEntity[], now: Date) {
    const ids = rows.map((r) => r.id);
    const [sources, units, deadlines, privacy] = await Promise.all([
      this.uow.read(SOURCES).listAll(),
      this.uow.read(UNITS).listAll(),
      this.uow.read(DEADLINES).listOpenForTickets(ids),
      this.privacyOfMany(user, rows),
    ]);
    return rows.map((t) => {
      const p = privacy(t);
      const open = p.ownPart(deadlines.filter((d) => d.ticketId === t.id)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const next = open[0];
      const lead = p.former && !user.unitIds.includes(t.leadUnitId ?? -1) ? null : t.leadUnitId;
      return {
        id: t.id,
        number: ticketNumber(this.config.env.ticketPrefix, t),
        status: t.status,
        statusLabel: STATUS_LABELS[t.status],
        channel: t.channel,
        source: sources.find((s) => s.id === t.sourceId)?.name ?? null,
        subject: p.text(t.subject),
        summary: p.text(t.text).slice(0, 120),
        receivedAt: t.receivedAt,
        category: t.category,
        region: t.region,
        urgency: t.urgency,
        urgencySuspected: t.urgency !== 'urgent' && t.classification?.urgencySuspected === true,
        leadUnit: units.find((u) => u.id === lead)?.name ?? null,
        leadUnitId: lead,
        confidence: t.classification?.confidence ?? null,
        suggestion: t.classification?.department ?? null,
        nextDeadline: next ? { stage: next.stage, dueAt: next.dueAt, overdue: next.dueAt < now, paused: Boolean(next.pausedAt) } : null,
        repeatCount: t.repeatCount,
        city: units.find((u) => u.id === t.cityUnitId)?.name ?? null,
      };
    });
  }

  /** How much of each listed ticket the user reads (one query each for the page's assignments and requesters). */
  private async privacyOfMany(user: SessionUser, rows: TicketEntity[]): Promise<(t: TicketEntity) => TicketPrivacy> {
    if (user.role !== 'unit') return (t) => TicketPrivacy.of(user, t, [], null);
    const requesterIds = [...new Set(rows.map((t) => t.requesterId).filter((id): id is number => id != null))];
    const [assignments, requesters] = await Promise.all([
      this.uow.read(ASSIGNMENTS).listForTickets(rows.map((t) => t.id)),
      this.uow.read(REQUESTERS).findByIds(requesterIds),
    ]);
    return (t) =>
      TicketPrivacy.of(
        user,
        t,
        assignments.filter((a) => a.ticketId === t.id),
        requesters.find((r) => r.id === t.requesterId),
      );
  }

  /** How much of one ticket the user reads. */
  async privacyOf(user: SessionUser, t: TicketEntity): Promise<TicketPrivacy> {
    if (user.role !== 'unit') return TicketPrivacy.of(user, t, [], null);
    const [assignments, requester] = await Promise.all([
      this.uow.read(ASSIGNMENTS).listForTicket(t.id),
      t.requesterId ? this.uow.read(REQUESTERS).findById(t.requesterId) : null,
    ]);
    return TicketPrivacy.of(user, t, assignments, requester);
  }

  /**
   * The ticket an action answers with, as this user may read it: after 退单 the unit that
   * returned it no longer holds it, and its own answer is the first thing it must not over-read.
   */
  async record(user: SessionUser, t: TicketEntity): Promise<TicketEntity> {
    const p = await this.privacyOf(user, t);
    if (p.full) return t;
    return { ...t, subject: p.text(t.subject), text: p.text(t.text), address: p.address(t.address), classification: null };
  }

  async counts(user: SessionUser) {
    const views: NonNullable<TicketListQuery['view']>[] =
      user.role === 'unit'
        ? ['pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned']
        : ['triage', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned'];
    const out: Record<string, number> = {};
    const now = this.clock.now();
    for (const v of views) out[v] = await this.uow.read(TICKET_INBOX).count(inboxFilter(user, { view: v }, now, ticketPrefixes(this.config)));
    return out;
  }

  /** The 待分拨 queue's version: the console polls it and reloads the list only when it changed. */
  async triageVersion(user: SessionUser) {
    const v = await this.uow.read(TICKET_INBOX).version(inboxFilter(user, { view: 'triage' }, this.clock.now(), ticketPrefixes(this.config)));
    return { count: v.count, latestId: v.latestId, version: `${v.count}-${v.latestId ?? 0}-${v.changedAt?.getTime() ?? 0}` };
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
    const p = TicketPrivacy.of(user, t, assignments, requester);
    // The tickets it names (merged into, repeats merged in): only those the user may see (issue #21).
    const named = [t.mergedIntoId, ...merged.map((r) => r.id), ...events.map((e) => (e.type === 'repeat_merged' ? repeatOf(e.data) : null))];
    const shown = new Set(await this.uow.read(TICKET_INBOX).visibleIds([...new Set(named.filter((x): x is number => x !== null))], scopeOf(user)));
    // A unit that let go reads what became of the ticket only if it stayed the lead (closed in its hands).
    const later = !p.former || user.unitIds.includes(t.leadUnitId ?? -1);
    const unitName = (uid: number | null) => units.find((u) => u.id === uid)?.name ?? null;
    const now = this.clock.now();
    const prefix = this.config.env.ticketPrefix;
    return {
      id: t.id,
      number: ticketNumber(prefix, t),
      formerNumber: t.formerNumber,
      city: unitName(t.cityUnitId),
      handToCities: handToCities(this.config, user, units.find((u) => u.name === this.config.cities.province)?.id ?? null, t),
      status: t.status,
      statusLabel: STATUS_LABELS[t.status],
      channel: t.channel,
      source: source?.name ?? null,
      externalId: t.externalId,
      subject: p.text(t.subject),
      text: p.text(t.text),
      address: p.address(t.address),
      receivedAt: t.receivedAt,
      category: t.category,
      region: t.region,
      urgency: t.urgency,
      disposition: later ? t.disposition : null,
      confidential: t.confidential,
      outcome: later ? t.outcome : null,
      rating: later ? t.rating : null,
      leadUnitId: later ? t.leadUnitId : null,
      leadUnit: later ? unitName(t.leadUnitId) : null,
      replyDueAt: later ? t.replyDueAt : null,
      repliedAt: later ? t.repliedAt : null,
      closedAt: later ? t.closedAt : null,
      mergedIntoId: later && t.mergedIntoId !== null && shown.has(t.mergedIntoId) ? t.mergedIntoId : null,
      repeatCount: later ? t.repeatCount : 0,
      clusterId: later ? t.clusterId : null,
      access: p.standing.kind,
      upstreamSync: await upstreamSyncOf(this.uow, this.config, t.id, source?.name ?? null),
      classification: user.role === 'unit' ? null : t.classification,
      requester: p.requester(requester),
      assignments: p
        .ownPart(assignments)
        .map((a) => ({ ...a, returnReason: p.text(a.returnReason), replyText: p.text(a.replyText), unit: unitName(a.unitId) })),
      events: p.until(events).map((e) => ({
        id: e.id,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actor: e.actorName,
        actorKind: e.actorKind,
        at: e.at,
        reason: p.text(e.reason),
        data: p.full && (e.type !== 'repeat_merged' || shown.has(repeatOf(e.data) ?? -1)) ? e.data : null,
      })),
      deadlines: p.ownPart(deadlines).map((d) => ({
        id: d.id,
        stage: d.stage,
        unit: unitName(d.unitId),
        startAt: d.startAt,
        dueAt: d.dueAt,
        status: d.status,
        metAt: d.metAt,
        paused: Boolean(d.pausedAt),
        pausedMs: d.pausedMs + (d.pausedAt ? Math.max(0, now.getTime() - d.pausedAt.getTime()) : 0),
        overdue: d.status === 'open' && d.dueAt < now,
        lastLevelSent: d.lastLevelSent,
        warnings: d.warnings ?? [],
      })),
      attachments: p
        .notFormer(attachments)
        .map((a) => ({ id: a.id, filename: p.text(a.filename), contentType: a.contentType, size: a.size, tooLarge: a.tooLarge })),
      tasks: p.notFormer(tasks).map((x) => ({ ...x, note: p.text(x.note) })),
      repeats: p
        .notFormer(merged)
        .filter((r) => shown.has(r.id))
        .map((r) => ({ id: r.id, number: ticketNumber(prefix, r), receivedAt: r.receivedAt, summary: p.text(r.text).slice(0, 100) })),
      actions: await this.actions(user, t, assignments, deadlines),
    };
  }

  /** What the page offers this user: only what the server will accept now (OfferedActions). */
  private actions(user: SessionUser, t: TicketEntity, assignments: AssignmentEntity[], deadlines: DeadlineEntity[]) {
    const active = assignments.filter((a) => a.status === 'active');
    if (user.role !== 'unit') return this.offered.of(t, availableActions(t.status), active, deadlines, false);
    const mine = active.filter((a) => user.unitIds.includes(a.unitId));
    return this.offered.of(t, actionsForUnit(t.status, mine), mine, deadlines, true);
  }

  /** The attachment's file on this host: HUB_DATA_DIR's copy, or fetched once from the shared bucket (HUB_STORAGE_URL). */
  private attachmentFile(path: string): Promise<string> {
    return RawArchive.of(this.config).localFile(path);
  }

  /** An attachment of a ticket the user reads in full or masked (a unit that let go sees none). */
  async attachment(user: SessionUser, ticketId: number, attachmentId: number) {
    const p = await this.privacyOf(user, await this.visible(user, ticketId));
    const a = await this.uow.read(ATTACHMENTS).findOfTicket(ticketId, attachmentId);
    if (!a || !a.path || p.former) throw new TicketNotFoundError(ticketId);
    return { id: a.id, filename: p.text(a.filename), masked: !p.full, absolutePath: await this.attachmentFile(a.path) };
  }

  /** The file behind a signed link: the link says whether its name is masked. */
  async signedAttachment(attachmentId: number, masked: boolean) {
    const a = await this.uow.read(ATTACHMENTS).findById(attachmentId);
    if (!a || !a.path) return null;
    let filename = a.filename;
    if (masked) {
      const t = a.ticketId != null ? await this.uow.read(TICKETS).findById(a.ticketId) : null;
      const requester = t?.requesterId ? await this.uow.read(REQUESTERS).findById(t.requesterId) : null;
      filename = new TicketPrivacy({ kind: 'masked' }, personalDataOf({ address: t?.address ?? null }, requester)).text(filename);
    }
    return { filename, absolutePath: await this.attachmentFile(a.path) };
  }
}

/** The repeat a `repeat_merged` event names. */
function repeatOf(data: unknown): number | null {
  const id = (data as { ticketId?: unknown } | null)?.ticketId;
  return typeof id === 'number' ? id : null;
}
