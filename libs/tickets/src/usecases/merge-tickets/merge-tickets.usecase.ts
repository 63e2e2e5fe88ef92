import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, TICKETS, Transaction, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { CLOCK, Clock, OPEN_STATUSES, STATUS_LABELS } from '@hub/domain';
import { factsForUnit, repeatMergedNotice } from '@hub/notify';
import { ActionRefusedError, TicketConflictError, TicketNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { MergeTicketsCommand } from './merge-tickets.command';

/** 并单: a repeat joins the open ticket; the unit holding it is told the citizen came back. */
@Injectable()
export class MergeTicketsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: MergeTicketsCommand): Promise<TicketEntity> {
    const { ticketId, targetTicketId, actor, reason } = validateCommand(MergeTicketsCommand, input);
    const now = this.clock.now();
    if (targetTicketId === ticketId) throw new ActionRefusedError('a ticket cannot be merged into itself');
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'merge', actor, at: now, targetTicketId, reason },
      async ({ tx, ticket }) => {
        const target = await this.countRepeatOn(tx, targetTicketId);
        await this.book.cancel(tx, { ticketId }, now);
        const number = this.facts.number(ticket);
        await tx.get(TICKET_EVENTS).record({
          ticketId: target.id,
          type: 'repeat_merged',
          actor,
          at: now,
          reason,
          data: { ticketId, number, text: ticket.text.slice(0, 500) },
        });
        await this.tellUnit(tx, ticket, target);
      },
      () => ({ mergedIntoId: targetTicketId, disposition: 'merged', closedAt: now }),
    );
    return ticket;
  }

  private async countRepeatOn(tx: Transaction, targetTicketId: number): Promise<TicketEntity> {
    const target = await tx.get(TICKETS).findById(targetTicketId);
    if (!target) throw new TicketNotFoundError(targetTicketId);
    // Only a matter still being handled takes a repeat: one answered directly or already surveyed would leave the new call unhandled.
    if (!OPEN_STATUSES.includes(target.status)) {
      throw new ActionRefusedError(`ticket ${targetTicketId} is ${target.status} (${STATUS_LABELS[target.status]}); merge into an open ticket`);
    }
    // Version-checked like any change of a ticket: two tickets merged into each other at the same
    // moment, or a target closed meanwhile, is a conflict, never a cycle or a repeat on a closed ticket.
    if (!(await tx.get(TICKETS).addRepeatIfVersion(target.id, target.version))) throw new TicketConflictError(target.id);
    return target;
  }

  private async tellUnit(tx: Transaction, repeat: TicketEntity, target: TicketEntity): Promise<void> {
    const a = await tx.get(ASSIGNMENTS).findLatest(target.id, { role: 'lead', status: 'active' });
    if (!a) return;
    const unit = await tx.get(UNITS).findById(a.unitId);
    if (!unit) return;
    // The unit reads the new letter as it reads the ticket: masked if either is confidential.
    const facts = factsForUnit({ ...(await this.facts.facts(tx, repeat)), confidential: repeat.confidential || target.confidential });
    const notice = repeatMergedNotice(unit.name, this.facts.number(target), this.facts.number(repeat), facts.text, this.facts.link(target));
    await tx.mail({ dedupeKey: `repeat-${repeat.id}`, kind: 'notice', to: [unit.email], ticketId: target.id, ...notice });
  }
}
