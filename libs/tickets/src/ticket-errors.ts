/** The ticket does not exist (or, for a unit user, is not theirs: the API shows both as 404). */
export class TicketNotFoundError extends Error {
  readonly code = 'TICKET_NOT_FOUND';
  constructor(readonly ticketId: number | string) {
    super(`ticket ${ticketId} not found`);
  }
}

/** Someone else changed the ticket between our read and our write; the action can be retried. */
export class TicketConflictError extends Error {
  readonly code = 'TICKET_CONFLICT';
  constructor(readonly ticketId: number) {
    super(`ticket ${ticketId} was changed by someone else at the same moment; reload and try again`);
  }
}

/** A rule of the trade refuses the action (e.g. return window closed, extension already used). */
export class ActionRefusedError extends Error {
  readonly code = 'ACTION_REFUSED';
}

/** No such 督办单 (or, for a unit user, one addressed to another unit: the API shows both as 404). */
export class SupervisionOrderNotFoundError extends Error {
  readonly code = 'TICKET_NOT_FOUND';
  constructor(readonly orderId: number) {
    super(`督办单 ${orderId} 不存在`);
  }
}
