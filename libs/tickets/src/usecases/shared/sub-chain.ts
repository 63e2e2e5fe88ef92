import { Inject, Injectable } from '@nestjs/common';
import {
  AssignmentEntity,
  ASSIGNMENTS,
  DeadlineEntity,
  DEADLINES,
  TICKET_EVENTS,
  TicketEntity,
  TICKETS,
  Transaction,
  UnitEntity,
  UnitOfWork,
  UNITS,
} from '@hub/database';
import { Actor, CLOCK, Clock, Outcome } from '@hub/domain';
import { subStepNotice } from '@hub/notify';
import { ActionRefusedError, TicketConflictError, TicketNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from './deadline-book';
import { TicketFactsReader } from './ticket-facts';
import { inTicketUnit } from './transition-runner';

type Reader = Pick<Transaction, 'get'>;

/** The desk's time a lower unit's limits derive from: its open reply deadline. */
function deskClock(d: DeadlineEntity | null) {
  return d ? { dueAt: d.dueAt, basis: d.basis === 'working' || d.basis === 'hours' ? d.basis : ('calendar' as const) } : null;
}

/**
 * 二级派单: the chain below a desk unit. A lower unit's assignment (`sub`) hangs under the desk's
 * (lead or itself `sub`); its 签收, 退单 and 办结反馈 are its own and go to the desk, never to the
 * city's triage, and leave the ticket's status alone (the desk still holds the ticket). Every step
 * bumps the ticket's version, so two steps on one chain at once cannot both pass.
 */
@Injectable()
export class SubChain {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) readonly clock: Clock,
    readonly book: DeadlineBook,
    readonly facts: TicketFactsReader,
  ) {}

  /** One unit of work on the chain, with the ticket's version checked and bumped. */
  run<T>(ticketId: number, work: (tx: Transaction, ticket: TicketEntity) => Promise<T>): Promise<T> {
    return inTicketUnit(this.uow, ticketId, async (tx) => {
      const tickets = tx.get(TICKETS);
      const ticket = await tickets.findById(ticketId);
      if (!ticket) throw new TicketNotFoundError(ticketId);
      if (!(await tickets.updateIfVersion(ticket.id, ticket.version, {}))) throw new TicketConflictError(ticket.id);
      return work(tx, ticket);
    });
  }

  /** The assignment above (the desk's) and its unit. */
  async deskOf(tx: Reader, a: AssignmentEntity): Promise<{ desk: AssignmentEntity; unit: UnitEntity }> {
    const desk = (await tx.get(ASSIGNMENTS).listForTicket(a.ticketId)).find((x) => x.id === a.parentAssignmentId);
    const unit = desk ? await tx.get(UNITS).findById(desk.unitId) : null;
    if (!desk || !unit) throw new TicketNotFoundError(a.ticketId);
    return { desk, unit };
  }

  /** The lower units' assignments directly under `desk`, oldest first. */
  async childrenOf(tx: Reader, desk: AssignmentEntity): Promise<AssignmentEntity[]> {
    return (await tx.get(ASSIGNMENTS).listForTicket(desk.ticketId)).filter((x) => x.parentAssignmentId === desk.id);
  }

  /**
   * The lower unit's limits: its reply a share of the desk's remaining reply time (policies.yaml
   * subDispatch.share); its 签收 and 退单 limits the policy's own, never later than its reply.
   */
  async openDeadlines(
    tx: Reader,
    ticket: TicketEntity,
    desk: AssignmentEntity,
    child: AssignmentEntity,
    now: Date,
    stages: Array<'acknowledge' | 'return_window' | 'reply'>,
  ) {
    const ctx = await this.facts.policyContext(tx, ticket);
    const parent = deskClock(await tx.get(DEADLINES).findOf(desk.id, 'reply', 'open'));
    const reply = parent ? this.book.planner.subDue(parent, now, ctx) : this.book.planner.due('reply', ctx, now);
    const at = { ticketId: ticket.id, assignmentId: child.id, unitId: child.unitId, start: now, ctx };
    let replyRow: DeadlineEntity | null = null;
    for (const stage of stages) {
      if (stage === 'reply') {
        replyRow = await this.book.open(tx, { ...at, stage, planned: reply ?? undefined });
        continue;
      }
      const own = this.book.planner.due(stage, ctx, now);
      if (!own) continue;
      const capped = reply && own.dueAt > reply.dueAt ? { ...own, dueAt: reply.dueAt } : own;
      await this.book.open(tx, { ...at, stage, planned: capped });
    }
    return replyRow;
  }

  /** 签收 by the lower unit: once. */
  async acknowledge(a: AssignmentEntity, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(a.ticketId, async (tx, ticket) => {
      if (!(await tx.get(ASSIGNMENTS).recordStepIfOpen(a.id, 'acknowledgedAt', { acknowledgedAt: now }))) {
        throw new ActionRefusedError('本单位已签收该工单，无需重复签收');
      }
      await this.book.meet(tx, { assignmentId: a.id, stages: ['acknowledge'] }, now);
      const { unit } = await this.deskOf(tx, a);
      await tx.get(TICKET_EVENTS).record({ ticketId: a.ticketId, type: 'sub_acknowledged', actor, at: now, data: { unitId: a.unitId, deskUnitId: unit.id } });
      return ticket;
    });
  }

  /** 退单 by the lower unit, within its return window: the ticket goes back to the desk unit (not the city's triage). */
  async returnUp(a: AssignmentEntity, actor: Actor, reason: string): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(a.ticketId, async (tx, ticket) => {
      const current = await this.current(tx, a);
      if (current.repliedAt) throw new ActionRefusedError('本单位已办结反馈，不能再退单');
      if ((await this.childrenOf(tx, current)).some((c) => c.status === 'active')) {
        throw new ActionRefusedError('本单位已将工单转派下级单位办理，须待下级单位反馈或退单后再退单');
      }
      const window = await tx.get(DEADLINES).findOf(a.id, 'return_window');
      if (window && window.dueAt.getTime() < now.getTime()) throw new ActionRefusedError('退单时限已过，不能退单，请继续办理');
      Object.assign(current, { status: 'returned', returnedAt: now, returnReason: reason });
      await tx.get(ASSIGNMENTS).save(current);
      await this.book.cancel(tx, { assignmentId: a.id }, now);
      const { unit: desk } = await this.deskOf(tx, a);
      await tx
        .get(TICKET_EVENTS)
        .record({ ticketId: a.ticketId, type: 'sub_returned', actor, at: now, reason, data: { unitId: a.unitId, deskUnitId: desk.id } });
      await this.notifyDesk(tx, ticket, current, desk, { step: 'returned', text: reason });
      return ticket;
    });
  }

  /** 办结反馈 by the lower unit: to the desk unit, which answers upward or sends it back. */
  async reply(a: AssignmentEntity, actor: Actor, outcome: Outcome, text: string): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.run(a.ticketId, async (tx, ticket) => {
      const current = await this.current(tx, a);
      if ((await this.childrenOf(tx, current)).some((c) => c.status === 'active')) {
        throw new ActionRefusedError('下级单位仍在办理：请待其反馈后上报（可修改），或退回重办');
      }
      const changes = { repliedAt: now, outcome, replyText: text, status: 'replied' as const, acknowledgedAt: current.acknowledgedAt ?? now };
      if (!(await tx.get(ASSIGNMENTS).recordStepIfOpen(a.id, 'repliedAt', changes))) throw new ActionRefusedError('本单位已办结反馈');
      await this.book.meet(tx, { assignmentId: a.id, stages: ['reply', 'acknowledge', 'return_window'] }, now);
      const { unit: desk } = await this.deskOf(tx, a);
      await tx
        .get(TICKET_EVENTS)
        .record({ ticketId: a.ticketId, type: 'sub_replied', actor, at: now, data: { unitId: a.unitId, deskUnitId: desk.id, outcome, replyText: text } });
      await this.notifyDesk(tx, ticket, { ...current, ...changes }, desk, { step: 'replied', text, outcome });
      return ticket;
    });
  }

  /** The assignment as it is now, still active (else the unit no longer holds the ticket). */
  private async current(tx: Reader, a: AssignmentEntity): Promise<AssignmentEntity> {
    const now = (await tx.get(ASSIGNMENTS).listActive(a.ticketId)).find((x) => x.id === a.id);
    if (!now) throw new ActionRefusedError('本单位已不再承办该工单');
    return now;
  }

  private async notifyDesk(
    tx: Transaction,
    ticket: TicketEntity,
    a: AssignmentEntity,
    desk: UnitEntity,
    step: { step: 'returned' | 'replied'; text: string; outcome?: Outcome | null },
  ): Promise<void> {
    const unit = await tx.get(UNITS).findById(a.unitId);
    const mail = subStepNotice({ number: this.facts.number(ticket), desk: desk.name, unit: unit?.name ?? '', ...step, link: this.facts.link(ticket) });
    await tx.mail({ dedupeKey: `sub-${step.step}-${a.id}-${this.clock.now().getTime()}`, kind: 'notice', to: [desk.email], ...mail, ticketId: ticket.id });
  }
}
