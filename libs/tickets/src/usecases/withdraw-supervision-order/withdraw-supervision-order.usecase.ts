import { Inject, Injectable } from '@nestjs/common';
import { SUPERVISION_ORDERS, SupervisionOrderEntity, TICKET_EVENTS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock, orderTransition, SupervisionOrderStatus } from '@hub/domain';
import { SupervisionOrderNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { WithdrawSupervisionOrderCommand } from './withdraw-supervision-order.command';

/** 撤销督办单: its clock ends and no more reminders go out; the order and its history stay. */
@Injectable()
export class WithdrawSupervisionOrderUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: WithdrawSupervisionOrderCommand): Promise<SupervisionOrderEntity> {
    const cmd = validateCommand(WithdrawSupervisionOrderCommand, input);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const orders = tx.get(SUPERVISION_ORDERS);
      const order = await orders.findById(cmd.orderId);
      if (!order) throw new SupervisionOrderNotFoundError(cmd.orderId);
      order.status = orderTransition(order.status as SupervisionOrderStatus, 'withdraw');
      order.withdrawnAt = now;
      order.withdrawReason = cmd.reason.trim();
      await orders.save(order);
      if (order.deadlineId != null) await this.book.endFixed(tx, order.ticketId, order.deadlineId, 'cancelled', now);
      await tx.get(TICKET_EVENTS).record({
        ticketId: order.ticketId,
        type: 'supervision_withdrawn',
        actor: cmd.actor,
        at: now,
        reason: order.withdrawReason,
        data: { orderId: order.id, unitId: order.unitId },
      });
      return order;
    });
  }
}
