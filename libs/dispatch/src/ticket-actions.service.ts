import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Directory } from '@hub/classification';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  AssignmentEntity, DeadlineEntity, RequesterEntity, SourceEntity, TaskEntity, TicketEntity, TicketEventEntity, TrainingExampleEntity, UnitEntity,
} from '@hub/database';
import { Actor, canTransition, Channel, CLOCK, Clock, IllegalTransitionError, OPEN_STATUSES, Outcome, Rating, STATUS_LABELS, TicketStatus, TransitionInput, Urgency } from '@hub/domain';
import { answerToCitizen, dispatchNotice, queueMail, TicketFacts } from '@hub/notify';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { ActionRefusedError, applyTransition, recordEvent, TicketConflictError, ticketNumber, TicketNotFoundError, TransitionContext } from '@hub/tickets';
import { DeadlineBook } from './deadline-book';
import { DEADLINE_PLANNER, DeadlinePlanner, PolicyContext } from './deadline-planner';

export interface DispatchCommand {
  unitId: number;
  assistUnitIds?: number[];
  category?: string | null;
  region?: string | null;
  urgency?: Urgency;
  reason?: string | null;
}

/**
 * Every lifecycle action on a ticket as a use case: the state machine decides, and in the same
 * transaction the assignments, deadlines, tasks, training examples and outbox mails follow.
 * Mails are sent by the queue after the commit; nothing is sent for a refused action.
 */
@Injectable()
export class TicketActionsService {
  private readonly book: DeadlineBook;

  constructor(
    private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(DEADLINE_PLANNER) private readonly planner: DeadlinePlanner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.book = new DeadlineBook(planner);
    this.directory = new Directory(config);
  }

  private readonly directory: Directory;

  get deadlines(): DeadlineBook {
    return this.book;
  }

  /** What the time-limit rules match on, the line or mailbox included (a rule may be `source: [省长信箱]`). */
  private async ctx(m: EntityManager, t: TicketEntity): Promise<PolicyContext> {
    const source = await m.getRepository(SourceEntity).findOne({ where: { id: t.sourceId }, select: ['id', 'name'] });
    return { channel: t.channel as Channel, urgency: t.urgency as Urgency, category: t.category, source: source?.name ?? null };
  }

  private link(t: TicketEntity): string {
    return `${this.config.env.publicUrl}/#/tickets/${t.id}`;
  }

  private async facts(m: EntityManager, t: TicketEntity): Promise<TicketFacts> {
    const [source, requester] = await Promise.all([
      m.getRepository(SourceEntity).findOneBy({ id: t.sourceId }),
      t.requesterId ? m.getRepository(RequesterEntity).findOneBy({ id: t.requesterId }) : null,
    ]);
    return {
      number: ticketNumber(this.config.env.ticketPrefix, t), subject: t.subject, text: t.text, channel: t.channel,
      source: source?.name ?? '', receivedAt: t.receivedAt, category: t.category, region: t.region, urgency: t.urgency,
      address: t.address, requesterName: requester?.name ?? null, requesterPhone: requester?.phone ?? null,
      requesterEmail: requester?.email ?? null, confidential: t.confidential,
    };
  }

  /** Runs an action; enqueues the outbox mails it wrote once the transaction has committed. */
  private async run<T>(
    ticketId: number,
    input: TransitionInput | ((t: TicketEntity) => TransitionInput),
    effects: (c: TransitionContext & { mails: number[] }) => Promise<T>,
    patch?: (t: TicketEntity) => Partial<TicketEntity>,
  ): Promise<TicketEntity> {
    const mails: number[] = [];
    const { ticket } = await applyTransition(this.ds, ticketId, input, (c) => effects({ ...c, mails }), patch ? (t) => patch(t) : undefined);
    for (const outboxId of mails) {
      // If Redis is down the mail stays pending in the outbox; the outbox sweep sends it later.
      await this.jobs.add('mail-send', { outboxId }).catch(() => undefined);
    }
    return ticket;
  }

  private async units(m: EntityManager, ids: number[]): Promise<UnitEntity[]> {
    if (!ids.length) return [];
    const found = await m.getRepository(UnitEntity).findBy({ id: In(ids) });
    for (const id of ids) if (!found.some((u) => u.id === id && u.active)) throw new ActionRefusedError(`unit ${id} does not exist or is retired`);
    return ids.map((id) => found.find((u) => u.id === id) as UnitEntity);
  }

  private async activeAssignment(m: EntityManager, ticketId: number, unitId: number | null, role: 'lead' | 'assist' | 'any' = 'lead') {
    const rows = await m.getRepository(AssignmentEntity).find({ where: { ticketId, status: 'active' }, order: { id: 'DESC' } });
    const pick = rows.find((a) => (role === 'any' || a.role === role) && (unitId == null || a.unitId === unitId));
    if (!pick) throw new TicketNotFoundError(ticketId);
    return pick;
  }

  /** Before the transition: the acting unit must hold the ticket (404 otherwise, as for any other unit). */
  private async requireHolder(ticketId: number, unitId: number | null | undefined, role: 'lead' | 'any' = 'lead') {
    if (unitId == null) return;
    const a = await this.ds.getRepository(AssignmentEntity).findOne({ where: { ticketId, unitId, status: 'active' } });
    if (!a) throw new TicketNotFoundError(ticketId);
    if (role === 'lead' && a.role !== 'lead') {
      throw new ActionRefusedError('only the lead unit (主办) may return the ticket or ask for an extension; an assisting unit (协办) acknowledges and replies with its part');
    }
  }

  async accept(ticketId: number, actor: Actor): Promise<TicketEntity> {
    return this.run(ticketId, { action: 'accept', actor, at: this.clock.now() }, async () => undefined);
  }

  /**
   * 交办: a ticket in triage goes to a unit. Only from triage: sent again (a double click, a
   * retried request, the router finishing after an operator) it is refused, not turned into a
   * 改派 that would restart the unit's deadlines and mail it twice.
   */
  async dispatch(ticketId: number, cmd: DispatchCommand, actor: Actor): Promise<TicketEntity> {
    return this.send('dispatch', ticketId, cmd, actor);
  }

  /**
   * 交办 as a person (or a system integrating with the hub) asks for it, POST /dispatch: the same
   * unit again (a double click, a retried request, the router got there first with the same
   * choice) answers with the ticket as it is — no second event, deadline or mail; a ticket already
   * with another unit, or returned, is 改派 to the unit asked for (the person's choice wins over the
   * router's). Every other state is refused by the state machine as dispatch() refuses it.
   * The router calls dispatch(), which never overrides a ticket already sent.
   */
  async dispatchAsAsked(ticketId: number, cmd: DispatchCommand, actor: Actor): Promise<TicketEntity> {
    const ticket = await this.ds.getRepository(TicketEntity).findOneBy({ id: ticketId });
    if (!ticket || ticket.status === 'received' || ticket.status === 'accepted') return this.dispatch(ticketId, cmd, actor);
    const active = await this.ds.getRepository(AssignmentEntity).findBy({ ticketId, status: 'active' });
    const lead = active.find((a) => a.role === 'lead');
    const assists = active.filter((a) => a.role === 'assist').map((a) => a.unitId).sort();
    const askedAssists = [...new Set(cmd.assistUnitIds ?? [])].sort();
    if (lead && lead.unitId === cmd.unitId && (cmd.assistUnitIds === undefined || askedAssists.join() === assists.join())) return ticket;
    if (canTransition(ticket.status as TicketStatus, 'reassign')) return this.reassign(ticketId, cmd, actor);
    return this.dispatch(ticketId, cmd, actor);
  }

  /**
   * A category or region set while dispatching must be one the city configured: a typed one (a
   * typo, 火星区) would be counted in 按分类/按区域 statistics and hot topics as a line of its own.
   */
  private checkKnown(cmd: DispatchCommand): void {
    if (cmd.category != null && !this.config.taxonomy.categories.some((c) => c.path === cmd.category)) {
      throw new ActionRefusedError(`category ${cmd.category} is not in taxonomy.yaml; choose one of its categories (一级/二级)`);
    }
    if (cmd.region != null && !this.config.regions.regions.some((r) => r.name === cmd.region)) {
      throw new ActionRefusedError(`region ${cmd.region} is not in regions.yaml; choose one of ${this.config.regions.regions.map((r) => r.name).join(', ')}`);
    }
  }

  /** 改派: a returned ticket, or one a unit holds, goes to another unit. */
  async reassign(ticketId: number, cmd: DispatchCommand, actor: Actor): Promise<TicketEntity> {
    const lead = await this.ds.getRepository(AssignmentEntity).findOne({ where: { ticketId, role: 'lead', status: 'active' } });
    if (lead && lead.unitId === cmd.unitId) {
      const unit = await this.ds.getRepository(UnitEntity).findOneBy({ id: lead.unitId });
      throw new ActionRefusedError(`the ticket is already with ${unit?.name ?? `unit ${lead.unitId}`}; reassign it to another unit`);
    }
    return this.send('reassign', ticketId, cmd, actor);
  }

  private async send(action: 'dispatch' | 'reassign', ticketId: number, cmd: DispatchCommand, actor: Actor): Promise<TicketEntity> {
    this.checkKnown(cmd);
    const now = this.clock.now();
    const assist = [...new Set(cmd.assistUnitIds ?? [])];
    const sent = await this.run(
      ticketId,
      (t) => ({
        action, actor, at: now, unitId: cmd.unitId, assistUnitIds: assist, reason: cmd.reason ?? null,
        data: { category: cmd.category ?? t.category, region: cmd.region ?? t.region },
      }),
      async ({ m, ticket, event, mails }) => {
        const units = await this.units(m, [cmd.unitId, ...assist]);
        const assignments = m.getRepository(AssignmentEntity);
        if (event.type === 'reassign') {
          const old = await assignments.find({ where: { ticketId, status: In(['active', 'returned']) } });
          for (const a of old) {
            if (a.status === 'active') a.status = 'reassigned';
            else a.status = 'returned';
            await assignments.save(a);
            await this.book.cancel(m, { assignmentId: a.id }, now);
          }
        }
        await this.book.meet(m, { ticketId, stages: ['dispatch'] }, now);
        const facts = await this.facts(m, ticket);
        const ctx = await this.ctx(m, ticket);
        for (const [i, unit] of units.entries()) {
          const role = i === 0 ? 'lead' : 'assist';
          const a = await assignments.save(assignments.create({ ticketId, unitId: unit.id, role, status: 'active', dispatchedAt: now, extensionCount: 0 }));
          if (role === 'lead') {
            await this.book.open(m, { ticketId, assignmentId: a.id, unitId: unit.id, stage: 'acknowledge', start: now, ctx });
            await this.book.open(m, { ticketId, assignmentId: a.id, unitId: unit.id, stage: 'return_window', start: now, ctx });
            await this.book.open(m, { ticketId, assignmentId: a.id, unitId: unit.id, stage: 'first_contact', start: now, ctx });
          }
          const reply = await this.book.open(m, { ticketId, assignmentId: a.id, unitId: unit.id, stage: 'reply', start: now, ctx });
          if (role === 'lead' && reply) await m.getRepository(TicketEntity).update(ticketId, { replyDueAt: reply.dueAt });
          const notice = dispatchNotice(facts, unit.name, role, reply?.dueAt ?? null, this.link(ticket));
          const id = await queueMail(m, { dedupeKey: `dispatch-${a.id}`, kind: 'dispatch', to: [unit.email], ...notice, ticketId });
          if (id) mails.push(id);
        }
        if (actor.kind === 'user') await this.learn(m, ticket, units[0].name, 'dispatch');
      },
      (t) => ({
        leadUnitId: cmd.unitId, disposition: 'dispatched', dispatchedAt: t.dispatchedAt ?? now,
        category: cmd.category ?? t.category, region: cmd.region ?? t.region, urgency: cmd.urgency ?? t.urgency,
      }),
    );
    // The reply deadline was written while the deadlines were opened: answer with it.
    return (await this.ds.getRepository(TicketEntity).findOneBy({ id: ticketId })) ?? sent;
  }

  /**
   * Every operator decision is a labelled example for the router. An operator who picks another
   * unit and leaves the model's category as it was corrected the category too: the example takes
   * the category that leads to the chosen unit (or none, and is not trained on) rather than
   * teaching the model its own mistake.
   */
  private async learn(m: EntityManager, t: TicketEntity, department: string | null, disposition: 'dispatch' | 'direct_answer') {
    const repo = m.getRepository(TrainingExampleEntity);
    const row = (await repo.findOneBy({ ticketId: t.id, origin: 'operator' })) ?? repo.create({ ticketId: t.id, origin: 'operator' });
    const suggested = (t.classification?.suggestions ?? []).map((s) => s.category);
    const category = department ? this.directory.categoryLeadingTo(department, t.region, t.category, suggested) : t.category;
    Object.assign(row, {
      channel: t.channel, text: t.text, category, region: t.region, department, urgency: t.urgency, disposition,
    });
    await repo.save(row);
  }

  /** 签收 (lead: the ticket moves on; assisting unit: its own assignment only). */
  async acknowledge(ticketId: number, unitId: number | null, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    if (unitId != null) {
      const a = await this.ds.getRepository(AssignmentEntity).findOne({ where: { ticketId, unitId, status: 'active' } });
      if (!a) throw new TicketNotFoundError(ticketId);
      if (a.role === 'assist') return this.assistStep(a, 'assist_acknowledged', actor, { acknowledgedAt: now });
    }
    return this.run(ticketId, { action: 'acknowledge', actor, at: now }, async ({ m }) => {
      const a = await this.activeAssignment(m, ticketId, unitId);
      a.acknowledgedAt = now;
      await m.getRepository(AssignmentEntity).save(a);
      await this.book.meet(m, { assignmentId: a.id, stages: ['acknowledge'] }, now);
    }, (t) => ({ acknowledgedAt: t.acknowledgedAt ?? now }));
  }

  /**
   * An assisting unit's 签收 or 反馈: once each, 反馈 after 签收, like the lead's. The assignment
   * row is changed only while the step is still open, so a double click or two requests at once
   * record it once.
   */
  private async assistStep(a: AssignmentEntity, type: 'assist_acknowledged' | 'assist_replied', actor: Actor, changes: Partial<AssignmentEntity>): Promise<TicketEntity> {
    const action = type === 'assist_acknowledged' ? 'acknowledge' : 'reply';
    const refuse = async (why: string) => {
      const t = await this.ds.getRepository(TicketEntity).findOneByOrFail({ id: a.ticketId });
      return new IllegalTransitionError(action, t.status as TicketStatus, `the assisting unit (协办) ${why}`);
    };
    if (type === 'assist_replied' && !a.acknowledgedAt) throw await refuse('must acknowledge (签收) the ticket before replying');
    const open = type === 'assist_acknowledged' ? 'acknowledgedAt' : 'repliedAt';
    const done = await this.ds.transaction(async (m) => {
      const res = await m.createQueryBuilder().update(AssignmentEntity).set(changes as never)
        .where(`id = :id AND status = 'active' AND ${open} IS NULL`, { id: a.id }).execute();
      if (!res.affected) return false;
      if (type === 'assist_replied') await this.book.meet(m, { assignmentId: a.id, stages: ['reply'] }, this.clock.now());
      await recordEvent(m, a.ticketId, type, actor, this.clock.now(), { data: { unitId: a.unitId, ...changes } as Record<string, unknown> });
      return true;
    });
    if (!done) throw await refuse(type === 'assist_acknowledged' ? 'has already acknowledged (签收) this ticket' : 'has already replied (办结反馈) on this ticket');
    return this.ds.getRepository(TicketEntity).findOneByOrFail({ id: a.ticketId });
  }

  /** 首次联系: the unit has contacted the requester (no change of state; the first-contact limit is met). */
  async recordContact(ticketId: number, unitId: number | null, note: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    await this.requireHolder(ticketId, unitId, 'any');
    await this.ds.transaction(async (m) => {
      const t = await m.getRepository(TicketEntity).findOneBy({ id: ticketId });
      if (!t || !['dispatched', 'acknowledged', 'extension_requested', 'reopened'].includes(t.status)) {
        throw new ActionRefusedError('first contact is recorded while a unit handles the ticket');
      }
      await this.book.meet(m, { ticketId, stages: ['first_contact'] }, now);
      await recordEvent(m, ticketId, 'first_contact', actor, now, { reason: note, data: unitId ? { unitId } : null });
    });
    return this.ds.getRepository(TicketEntity).findOneByOrFail({ id: ticketId });
  }

  /** 退单: only within the return window; the clock of the unit's deadlines stops until an operator decides. */
  async returnTicket(ticketId: number, unitId: number | null, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    await this.requireHolder(ticketId, unitId);
    return this.run(ticketId, { action: 'return', actor, at: now, reason }, async ({ m, ticket }) => {
      const a = await this.activeAssignment(m, ticketId, unitId);
      const window = await m.getRepository(DeadlineEntity).findOne({ where: { assignmentId: a.id, stage: 'return_window' } });
      if (window && window.dueAt.getTime() < now.getTime()) {
        throw new ActionRefusedError(`the return window closed at ${window.dueAt.toISOString()}; ask an operator to reassign instead`);
      }
      a.returnedAt = now;
      a.returnReason = reason;
      a.status = 'returned';
      await m.getRepository(AssignmentEntity).save(a);
      await this.book.pause(m, { assignmentId: a.id }, now);
      await m.getRepository(TicketEntity).update(ticket.id, { returnCount: ticket.returnCount + 1 });
    });
  }

  /** 同意退单: back to triage, the returned assignment's deadlines end. */
  async approveReturn(ticketId: number, actor: Actor, reason?: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'approve_return', actor, at: now, reason }, async ({ m }) => {
      const returned = await m.getRepository(AssignmentEntity).find({ where: { ticketId, status: 'returned' } });
      for (const a of returned) await this.book.cancel(m, { assignmentId: a.id }, now);
    }, () => ({ leadUnitId: null }));
  }

  /** 驳回退单: the unit keeps it; its deadlines run again, moved by the time they stood still. */
  async rejectReturn(ticketId: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    const a = await this.ds.getRepository(AssignmentEntity).findOne({ where: { ticketId, status: 'returned', role: 'lead' }, order: { id: 'DESC' } });
    return this.run(ticketId, { action: 'reject_return', actor, at: now, reason, wasAcknowledged: Boolean(a?.acknowledgedAt) }, async ({ m, ticket, mails }) => {
      if (!a) throw new ActionRefusedError('no returned assignment to give back');
      a.status = 'active';
      await m.getRepository(AssignmentEntity).save(a);
      await this.book.resume(m, { assignmentId: a.id }, now);
      const unit = await m.getRepository(UnitEntity).findOneByOrFail({ id: a.unitId });
      const number = ticketNumber(this.config.env.ticketPrefix, ticket);
      const id = await queueMail(m, {
        dedupeKey: `reject-return-${a.id}-${now.getTime()}`, kind: 'notice', to: [unit.email], ticketId,
        subject: `退单未通过：工单 ${number}`, text: `${unit.name}：\n\n工单 ${number} 的退单申请未通过，理由：${reason}\n请继续办理。\n\n${this.link(ticket)}\n`,
      });
      if (id) mails.push(id);
    });
  }

  /** 申请延期: before the deadline, within the policy's count and length; the clock stops meanwhile. */
  async requestExtension(ticketId: number, unitId: number | null, days: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    await this.requireHolder(ticketId, unitId);
    return this.run(ticketId, { action: 'request_extension', actor, at: now, reason, extensionDays: days }, async ({ m, ticket }) => {
      const a = await this.activeAssignment(m, ticketId, unitId);
      const limit = this.planner.extensionLimit(await this.ctx(m, ticket));
      if (limit.count === 0) throw new ActionRefusedError('the policy allows no extension for this kind of ticket (e.g. urgent ones); reply within the time limit');
      if (a.extensionCount >= limit.count) throw new ActionRefusedError(`the policy allows ${limit.count} extension(s) and it was used`);
      this.checkExtensionLength(days, limit);
      const reply = await m.getRepository(DeadlineEntity).findOne({ where: { assignmentId: a.id, stage: 'reply', status: 'open' } });
      if (reply && reply.dueAt.getTime() < now.getTime()) throw new ActionRefusedError('an extension must be requested before the reply deadline; it has passed');
      await this.book.pause(m, { assignmentId: a.id, stages: ['reply'] }, now);
    });
  }

  private checkExtensionLength(days: number, limit: { maxDays: number; unit?: 'working_days' | 'days' }): void {
    if (days > limit.maxDays) {
      throw new ActionRefusedError(`an extension may be at most ${limit.maxDays} ${limit.unit === 'days' ? 'days' : 'working days'} (asked: ${days})`);
    }
  }

  /** 批准延期: as requested, or the approver's number of days (within the policy, as the request was). */
  async approveExtension(ticketId: number, actor: Actor, days?: number | null): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'approve_extension', actor, at: now, extensionDays: days ?? null }, async ({ m, ticket, event }) => {
      if (days != null) this.checkExtensionLength(days, this.planner.extensionLimit(await this.ctx(m, ticket)));
      const a = await this.activeAssignment(m, ticketId, null);
      const requested = Number(event.data.extensionDays ?? (await this.lastRequestedDays(m, ticketId)));
      const [moved] = await this.book.resume(m, { assignmentId: a.id, stages: ['reply'] }, now, requested, await this.ctx(m, ticket));
      a.extensionCount += 1;
      await m.getRepository(AssignmentEntity).save(a);
      await m.getRepository(TicketEntity).update(ticket.id, { extensionCount: ticket.extensionCount + 1, replyDueAt: moved?.dueAt ?? ticket.replyDueAt });
    });
  }

  private async lastRequestedDays(m: EntityManager, ticketId: number): Promise<number> {
    const row = await m.getRepository(TicketEventEntity).findOne({ where: { ticketId, type: 'request_extension' }, order: { id: 'DESC' } });
    return Number(row?.data?.extensionDays ?? 0);
  }

  async rejectExtension(ticketId: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'reject_extension', actor, at: now, reason }, async ({ m }) => {
      const a = await this.activeAssignment(m, ticketId, null);
      await this.book.resume(m, { assignmentId: a.id, stages: ['reply'] }, now);
    });
  }

  /** 办结反馈: the unit's answer; the citizen is answered (mail for letters, call-back task for calls) and a follow-up is due. */
  async reply(ticketId: number, unitId: number | null, outcome: Outcome, text: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    if (unitId != null) {
      const a = await this.ds.getRepository(AssignmentEntity).findOne({ where: { ticketId, unitId, status: 'active' } });
      if (!a) throw new TicketNotFoundError(ticketId);
      if (a.role === 'assist') return this.assistStep(a, 'assist_replied', actor, { repliedAt: now, outcome, replyText: text });
    }
    return this.run(ticketId, { action: 'reply', actor, at: now, outcome, replyText: text }, async ({ m, ticket, mails }) => {
      const a = await this.activeAssignment(m, ticketId, unitId);
      Object.assign(a, { repliedAt: now, outcome, replyText: text, acknowledgedAt: a.acknowledgedAt ?? now });
      await m.getRepository(AssignmentEntity).save(a);
      await this.book.meet(m, { assignmentId: a.id, stages: ['reply', 'acknowledge', 'first_contact', 'return_window'] }, now);
      const ctx = await this.ctx(m, ticket);
      const round = ticket.reopenCount + 1;
      const followUp = await this.book.open(m, { ticketId, stage: 'follow_up', start: now, ctx });
      const tasks = m.getRepository(TaskEntity);
      await tasks.save(tasks.create({ ticketId, kind: 'follow_up', round, status: 'open', dueAt: followUp?.dueAt ?? null }));
      const unit = await m.getRepository(UnitEntity).findOneByOrFail({ id: a.unitId });
      const requester = ticket.requesterId ? await m.getRepository(RequesterEntity).findOneBy({ id: ticket.requesterId }) : null;
      if (ticket.channel !== 'hotline' && requester?.email) {
        const answer = answerToCitizen(ticketNumber(this.config.env.ticketPrefix, ticket), requester.name, outcome, text, unit.name);
        const from = await this.mailboxAddress(m, ticket);
        const id = await queueMail(m, {
          dedupeKey: `answer-${ticket.id}-${round}`, kind: 'answer', to: [requester.email], ...answer, ticketId,
          from, inReplyTo: ticket.messageId, references: ticket.messageId ? [ticket.messageId] : null,
        });
        if (id) mails.push(id);
      } else {
        await tasks.save(tasks.create({ ticketId, kind: 'callback', round, status: 'open', dueAt: followUp?.dueAt ?? null }));
      }
    }, (t) => ({ repliedAt: now, outcome, acknowledgedAt: t.acknowledgedAt ?? now }));
  }

  /** A letter is answered from the mailbox it came to. */
  private async mailboxAddress(m: EntityManager, ticket: TicketEntity): Promise<string | null> {
    const source = await m.getRepository(SourceEntity).findOneBy({ id: ticket.sourceId });
    const mb = this.config.mailboxes.mailboxes.find((x) => x.name === source?.name);
    if (!mb) return null;
    const address = mb.address ?? (mb.user.includes('@') ? mb.user : null);
    return address ? `${mb.name} <${address}>` : null;
  }

  /** 回访: 满意/基本满意 ends the work; 不满意 reopens it to the same unit with a new deadline (重办). */
  async survey(ticketId: number, rating: Rating, actor: Actor, note?: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'survey', actor, at: now, rating, reason: note ?? null }, async ({ m, ticket, event, mails }) => {
      await this.book.meet(m, { ticketId, stages: ['follow_up'] }, now);
      const tasks = m.getRepository(TaskEntity);
      for (const t of await tasks.find({ where: { ticketId, status: 'open' } })) {
        t.status = 'done';
        t.doneAt = now;
        t.doneBy = actor.id ?? null;
        t.note = note ?? t.note;
        await tasks.save(t);
      }
      if (event.toStatus !== 'reopened') return;
      const a = await m.getRepository(AssignmentEntity).findOne({ where: { ticketId, role: 'lead', status: 'active' }, order: { id: 'DESC' } });
      if (!a) return;
      Object.assign(a, { acknowledgedAt: null, repliedAt: null, outcome: null, replyText: null });
      await m.getRepository(AssignmentEntity).save(a);
      const ctx = await this.ctx(m, ticket);
      await this.book.open(m, { ticketId, assignmentId: a.id, unitId: a.unitId, stage: 'acknowledge', start: now, ctx });
      const reply = await this.book.open(m, { ticketId, assignmentId: a.id, unitId: a.unitId, stage: 'reply', start: now, ctx });
      await m.getRepository(TicketEntity).update(ticket.id, { reopenCount: ticket.reopenCount + 1, replyDueAt: reply?.dueAt ?? null, repliedAt: null });
      const unit = await m.getRepository(UnitEntity).findOneByOrFail({ id: a.unitId });
      const notice = dispatchNotice(await this.facts(m, ticket), unit.name, 'lead', reply?.dueAt ?? null, this.link(ticket), true);
      const id = await queueMail(m, { dedupeKey: `reopen-${a.id}-${ticket.reopenCount + 1}`, kind: 'dispatch', to: [unit.email], ...notice, ticketId });
      if (id) mails.push(id);
    }, () => ({ rating, surveyedAt: now }));
  }

  async close(ticketId: number, actor: Actor, reason?: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'close', actor, at: now, reason }, async ({ m }) => {
      await this.book.cancel(m, { ticketId }, now);
      const assignments = m.getRepository(AssignmentEntity);
      for (const a of await assignments.find({ where: { ticketId, status: 'active' } })) {
        a.status = 'closed';
        await assignments.save(a);
      }
      const tasks = m.getRepository(TaskEntity);
      await tasks.update({ ticketId, status: 'open' }, { status: 'cancelled' });
    }, () => ({ closedAt: now }));
  }

  /** 直接答复: the operator answered on the spot; a letter gets the answer by mail. */
  async answerDirectly(ticketId: number, text: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'answer_directly', actor, at: now, replyText: text }, async ({ m, ticket, mails }) => {
      await this.book.cancel(m, { ticketId }, now);
      if (actor.kind === 'user') await this.learn(m, ticket, null, 'direct_answer');
      const requester = ticket.requesterId ? await m.getRepository(RequesterEntity).findOneBy({ id: ticket.requesterId }) : null;
      if (ticket.channel !== 'hotline' && requester?.email) {
        const answer = answerToCitizen(ticketNumber(this.config.env.ticketPrefix, ticket), requester.name, null, text, null);
        const id = await queueMail(m, {
          dedupeKey: `answer-${ticket.id}-direct`, kind: 'answer', to: [requester.email], ...answer, ticketId,
          from: await this.mailboxAddress(m, ticket),
          inReplyTo: ticket.messageId, references: ticket.messageId ? [ticket.messageId] : null,
        });
        if (id) mails.push(id);
      }
    }, () => ({ disposition: 'direct_answer', repliedAt: now }));
  }

  async provideService(ticketId: number, text: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'provide_service', actor, at: now, replyText: text }, async ({ m }) => {
      await this.book.cancel(m, { ticketId }, now);
    }, () => ({ disposition: 'service_provided', repliedAt: now }));
  }

  async markInvalid(ticketId: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(ticketId, { action: 'mark_invalid', actor, at: now, reason }, async ({ m }) => {
      await this.book.cancel(m, { ticketId }, now);
    }, () => ({ disposition: 'invalid', closedAt: now }));
  }

  /** 并单: a repeat joins the open ticket; the unit holding it is told the citizen came back. */
  async merge(ticketId: number, targetTicketId: number, actor: Actor, reason?: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    if (targetTicketId === ticketId) throw new ActionRefusedError('a ticket cannot be merged into itself');
    return this.run(ticketId, { action: 'merge', actor, at: now, targetTicketId, reason }, async ({ m, ticket, mails }) => {
      const targetRepo = m.getRepository(TicketEntity);
      const target = await targetRepo.findOneBy({ id: targetTicketId });
      if (!target) throw new TicketNotFoundError(targetTicketId);
      // Only a matter still being handled takes a repeat: one answered directly or already surveyed would leave the new call unhandled.
      if (!OPEN_STATUSES.includes(target.status as TicketStatus)) {
        throw new ActionRefusedError(`ticket ${targetTicketId} is ${target.status} (${STATUS_LABELS[target.status as TicketStatus]}); merge into an open ticket`);
      }
      // Version-checked like any change of a ticket: two tickets merged into each other at the same
      // moment, or a target closed meanwhile, is a conflict, never a cycle or a repeat on a closed ticket.
      const bumped = await targetRepo.createQueryBuilder().update(TicketEntity)
        .set({ repeatCount: () => 'repeatCount + 1', version: () => 'version + 1' } as never)
        .where('id = :id AND version = :version', { id: target.id, version: target.version })
        .execute();
      if (!bumped.affected) throw new TicketConflictError(target.id);
      await this.book.cancel(m, { ticketId }, now);
      const number = ticketNumber(this.config.env.ticketPrefix, ticket);
      await recordEvent(m, target.id, 'repeat_merged', actor, now, { reason, data: { ticketId, number, text: ticket.text.slice(0, 500) } });
      const a = await m.getRepository(AssignmentEntity).findOne({ where: { ticketId: target.id, role: 'lead', status: 'active' } });
      if (a) {
        const unit = await m.getRepository(UnitEntity).findOneByOrFail({ id: a.unitId });
        const targetNumber = ticketNumber(this.config.env.ticketPrefix, target);
        const id = await queueMail(m, {
          dedupeKey: `repeat-${ticket.id}`, kind: 'notice', to: [unit.email], ticketId: target.id,
          subject: `重复来件：工单 ${targetNumber} 诉求人再次反映`,
          text: `${unit.name}：\n\n诉求人就工单 ${targetNumber} 再次来件（${number}），已并入原工单，请加快办理。\n\n新来件内容：\n${ticket.text}\n\n${this.link(target)}\n`,
        });
        if (id) mails.push(id);
      }
    }, () => ({ mergedIntoId: targetTicketId, disposition: 'merged', closedAt: now }));
  }
}
