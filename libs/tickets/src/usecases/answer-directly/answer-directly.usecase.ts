import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { mailAnswerToCitizen } from '../shared/citizen-answer';
import { DeadlineBook } from '../shared/deadline-book';
import { OperatorExamples } from '../shared/operator-examples';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { AnswerDirectlyCommand } from './answer-directly.command';

/** 直接答复: the operator answered on the spot; a letter gets the answer by mail, and the router learns. */
@Injectable()
export class AnswerDirectlyUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly examples: OperatorExamples,
  ) {}

  async execute(input: AnswerDirectlyCommand): Promise<TicketEntity> {
    const { ticketId, actor, text } = validateCommand(AnswerDirectlyCommand, input);
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'answer_directly', actor, at: now, replyText: text },
      async ({ tx, ticket }) => {
        await this.book.cancel(tx, { ticketId }, now);
        if (actor.kind === 'user') await this.examples.record(tx, ticket, null, 'direct_answer');
        await mailAnswerToCitizen(tx, this.facts, ticket, { dedupeKey: `answer-${ticket.id}-direct`, outcome: null, text, unit: null });
      },
      () => ({ disposition: 'direct_answer', repliedAt: now }),
    );
    return ticket;
  }
}
