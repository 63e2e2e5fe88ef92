import { Inject, Injectable } from '@nestjs/common';
import { KNOWLEDGE, KnowledgeEntryEntity, TICKET_EVENTS, TicketEntity, Transaction, UnitOfWork, validateCommand } from '@hub/database';
import { type Actor, CLOCK, Clock, isOffered } from '@hub/domain';
import { ActionRefusedError } from '../../ticket-errors';
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
    const { ticketId, actor, text: typed, knowledgeId } = validateCommand(AnswerDirectlyCommand, input);
    const now = this.clock.now();
    // Only the entry given: the requester is told its answer (the entry is checked again in the transaction).
    const text = typed ?? this.offered(await this.uow.read(KNOWLEDGE).findById(knowledgeId!), knowledgeId!, now).answer;
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'answer_directly', actor, at: now, replyText: text },
      async ({ tx, ticket }) => {
        if (knowledgeId) await this.citeKnowledge(tx, ticketId, knowledgeId, actor, now);
        await this.book.cancel(tx, { ticketId }, now);
        if (actor.kind === 'user') await this.examples.record(tx, ticket, null, 'direct_answer');
        await mailAnswerToCitizen(tx, this.facts, ticket, { dedupeKey: `answer-${ticket.id}-direct`, outcome: null, text, unit: null });
      },
      () => ({ disposition: 'direct_answer', repliedAt: now }),
    );
    return ticket;
  }

  private offered<T extends KnowledgeEntryEntity>(entry: T | null, knowledgeId: number, now: Date): T {
    if (!entry || !isOffered(entry, now))
      throw new ActionRefusedError(
        `知识条目 ${knowledgeId} 未发布或已过有效期：请另选条目或直接填写答复（knowledge entry ${knowledgeId} is not published or no longer valid）`,
      );
    return entry;
  }

  /** The entry (and version) the answer came from, on the ticket's timeline; one more answer on the entry. */
  private async citeKnowledge(tx: Transaction, ticketId: number, knowledgeId: number, actor: Actor, now: Date): Promise<void> {
    const entry = this.offered(await tx.get(KNOWLEDGE).findById(knowledgeId), knowledgeId, now);
    await tx.get(KNOWLEDGE).countAnswer(entry.id);
    await tx.get(TICKET_EVENTS).record({
      ticketId,
      type: 'knowledge_cited',
      actor,
      at: now,
      data: { knowledgeId: entry.id, version: entry.version, title: entry.title },
    });
  }
}
