import { isDeadlock, TICKET_EVENTS, TicketChanges, TicketEntity, TICKETS, Transaction, UnitOfWork } from '@hub/database';
import { TicketEventRecord, transition, TransitionInput } from '@hub/domain';
import { TicketConflictError, TicketNotFoundError } from '../../ticket-errors';

export interface TransitionStep {
  tx: Transaction;
  /** The ticket as it is now (status and patch applied). */
  ticket: TicketEntity;
  event: TicketEventRecord;
}

/**
 * One unit of work on one ticket. Two actions touching the same tickets in opposite order (merge A
 * into B and B into A): InnoDB rolls one back; to its sender that is the same as losing the
 * version check, a conflict to retry.
 */
export function inTicketUnit<T>(uow: UnitOfWork, ticketId: number, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return uow.run(work).catch((e: unknown) => {
    throw isDeadlock(e) ? new TicketConflictError(ticketId) : e;
  });
}

/**
 * Applies one lifecycle action in one unit of work: the state machine decides, the ticket row is
 * updated only if nobody changed it meanwhile (version check), the event is recorded, and the
 * action's effects (assignments, deadlines, outbox mail) are written in the same transaction.
 * Anything refused changes nothing and sends nothing.
 */
export function runTransition<T = void>(
  uow: UnitOfWork,
  ticketId: number,
  input: TransitionInput | ((ticket: TicketEntity) => TransitionInput),
  effects?: (step: TransitionStep) => Promise<T>,
  patch?: (ticket: TicketEntity, event: TicketEventRecord) => TicketChanges,
): Promise<{ ticket: TicketEntity; event: TicketEventRecord; result: T }> {
  return inTicketUnit(uow, ticketId, async (tx) => {
    const tickets = tx.get(TICKETS);
    const ticket = await tickets.findById(ticketId);
    if (!ticket) throw new TicketNotFoundError(ticketId);
    const event = transition(ticket.status, typeof input === 'function' ? input(ticket) : input);
    const changes: TicketChanges = { status: event.toStatus, ...(patch ? patch(ticket, event) : {}) };
    if (!(await tickets.updateIfVersion(ticket.id, ticket.version, changes))) throw new TicketConflictError(ticket.id);
    Object.assign(ticket, changes, { version: ticket.version + 1 });
    await tx.get(TICKET_EVENTS).record({
      ticketId: ticket.id,
      type: event.type,
      actor: event.actor,
      at: event.at,
      reason: event.reason,
      data: event.data,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
    });
    const result = effects ? await effects({ tx, ticket, event }) : (undefined as T);
    return { ticket, event, result };
  });
}
