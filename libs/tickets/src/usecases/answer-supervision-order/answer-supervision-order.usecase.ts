import { Inject, Injectable } from '@nestjs/common';
import { SUPERVISION_ORDERS, SupervisionOrderEntity, TICKET_EVENTS, UnitOfWork, validateCommand } from '@hub/database';
import { answeredOnTime, CLOCK, Clock, orderTransition, SupervisionOrderStatus } from '@hub/domain';
import { SupervisionOrderNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { AnswerSupervisionOrderCommand } from './answer-supervision-order.command';

/** 督办回复: the order is answered (late if after its due time, and a 通报 already made stays made); its clock stops. */
@Injectable()
export class AnswerSupervisionOrderUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: AnswerSupervisionOrderCommand): Promise<SupervisionOrderEntity> {
    const cmd = validateCommand(AnswerSupervisionOrderCommand, input);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const orders = tx.get(SUPERVISION_ORDERS);
      const order = await orders.findById(cmd.orderId);
      if (!order || (cmd.unitIds && !cmd.unitIds.includes(order.unitId))) throw new SupervisionOrderNotFoundError(cmd.orderId);
      order.status = orderTransition(order.status as SupervisionOrderStatus, 'answer');
      order.answerText = cmd.text.trim();
      order.answeredAt = now;
      order.answeredByName = cmd.actor.name;
      await orders.save(order);
      if (order.deadlineId != null) await this.book.endFixed(tx, order.ticketId, order.deadlineId, 'met', now);
      const late = !answeredOnTime(order);
      await tx.get(TICKET_EVENTS).record({
        ticketId: order.ticketId,
        type: 'supervision_answered',
        actor: cmd.actor,
        at: now,
        reason: order.answerText,
        data: { orderId: order.id, unitId: order.unitId, late },
      });
      return order;
    });
  }
}
