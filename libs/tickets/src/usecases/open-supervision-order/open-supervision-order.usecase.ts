import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SUPERVISION_ORDERS, SupervisionOrderEntity, TICKET_EVENTS, TICKETS, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { CLOCK, Clock, SUPERVISION_LEVEL_LABELS, SUPERVISION_STAGE } from '@hub/domain';
import { supervisionOrderNotice } from '@hub/notify';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { OpenSupervisionOrderCommand } from './open-supervision-order.command';

/** A ticket that never reached a unit, or stands for another, has nobody to supervise. */
const NOT_SUPERVISABLE = ['received', 'accepted', 'invalid', 'merged', 'direct_answer', 'service_provided'];

/**
 * 下发督办单: one order per ticket, to the unit leading it, all in one unit of work (a refused
 * ticket refuses the batch). Each order's due time is a deadline row the reminder sweep chases
 * (warnings, 催办, then 通报); the unit is mailed and sees it first in its inbox.
 */
@Injectable()
export class OpenSupervisionOrderUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: OpenSupervisionOrderCommand): Promise<SupervisionOrderEntity[]> {
    const cmd = validateCommand(OpenSupervisionOrderCommand, input);
    const now = this.clock.now();
    if (cmd.dueAt.getTime() <= now.getTime()) throw new ActionRefusedError('督办回复时限必须晚于当前时间');
    const batchKey = cmd.ticketIds.length > 1 ? randomUUID() : null;
    return this.uow.run(async (tx) => {
      const orders: SupervisionOrderEntity[] = [];
      for (const ticketId of cmd.ticketIds) {
        const ticket = await tx.get(TICKETS).findById(ticketId);
        if (!ticket) throw new TicketNotFoundError(ticketId);
        const number = this.facts.number(ticket);
        if (NOT_SUPERVISABLE.includes(ticket.status) || ticket.leadUnitId == null)
          throw new ActionRefusedError(`工单 ${number} 没有承办单位（未交办、已并单或无效），不能下发督办单`);
        const [unit] = await tx.get(UNITS).findByIds([ticket.leadUnitId]);
        if (!unit) throw new ActionRefusedError(`工单 ${number} 的承办单位不存在`);
        const deadline = await this.book.openFixed(tx, {
          ticketId,
          unitId: unit.id,
          stage: SUPERVISION_STAGE,
          start: now,
          dueAt: cmd.dueAt,
          ctx: this.facts.cityOf(ticket),
        });
        const order = await tx.get(SUPERVISION_ORDERS).add({
          ticketId,
          unitId: unit.id,
          deadlineId: deadline.id,
          batchKey,
          level: cmd.level,
          status: 'open',
          reason: cmd.reason.trim(),
          instructions: cmd.instructions.trim(),
          issuedAt: now,
          dueAt: cmd.dueAt,
          issuedById: cmd.actor.id ?? null,
          issuedByName: cmd.actor.name,
          answerText: null,
          answeredAt: null,
          answeredByName: null,
          reportedAt: null,
          withdrawnAt: null,
          withdrawReason: null,
        });
        await tx.get(TICKET_EVENTS).record({
          ticketId,
          type: 'supervision_opened',
          actor: cmd.actor,
          at: now,
          reason: `${SUPERVISION_LEVEL_LABELS[cmd.level]}：${order.reason}`,
          data: { orderId: order.id, level: cmd.level, unitId: unit.id, dueAt: cmd.dueAt.toISOString(), instructions: order.instructions },
        });
        const notice = supervisionOrderNotice({
          number,
          unit: unit.name,
          level: cmd.level,
          reason: order.reason,
          instructions: order.instructions,
          dueAt: cmd.dueAt,
          issuedBy: cmd.actor.name,
          link: this.facts.link(ticket),
        });
        await tx.mail({ dedupeKey: `supervision-${order.id}`, kind: 'notice', to: [unit.email], ticketId, ...notice });
        orders.push(order);
      }
      return orders;
    });
  }
}
