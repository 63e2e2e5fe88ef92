import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TASKS, TicketEntity, TICKETS, Transaction, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { Actor, CLOCK, Clock } from '@hub/domain';
import { dispatchNotice } from '@hub/notify';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { SurveyTicketCommand } from './survey-ticket.command';

/** 回访: 满意/基本满意 ends the work; 不满意 reopens it to the same unit with new deadlines (重办). */
@Injectable()
export class SurveyTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: SurveyTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, rating, note } = validateCommand(SurveyTicketCommand, input);
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'survey', actor, at: now, rating, reason: note ?? null },
      async ({ tx, ticket, event }) => {
        await this.book.meet(tx, { ticketId, stages: ['follow_up'] }, now);
        await this.finishTasks(tx, ticketId, actor, now, note);
        if (event.toStatus === 'reopened') await this.reopen(tx, ticket, now);
      },
      () => ({ rating, surveyedAt: now }),
    );
    return ticket;
  }

  private async finishTasks(tx: Transaction, ticketId: number, actor: Actor, now: Date, note?: string | null): Promise<void> {
    const tasks = tx.get(TASKS);
    for (const t of await tasks.listOpen(ticketId)) {
      Object.assign(t, { status: 'done', doneAt: now, doneBy: actor.id ?? null, note: note ?? t.note });
      await tasks.save(t);
    }
  }

  /** 重办: the lead unit starts over, with new acknowledge and reply limits and a notice saying why. */
  private async reopen(tx: Transaction, ticket: TicketEntity, now: Date): Promise<void> {
    const a = await tx.get(ASSIGNMENTS).findLatest(ticket.id, { role: 'lead', status: 'active' });
    if (!a) return;
    Object.assign(a, { acknowledgedAt: null, repliedAt: null, outcome: null, replyText: null });
    await tx.get(ASSIGNMENTS).save(a);
    const ctx = await this.facts.policyContext(tx, ticket);
    const at = { ticketId: ticket.id, assignmentId: a.id, unitId: a.unitId, start: now, ctx };
    await this.book.open(tx, { ...at, stage: 'acknowledge' });
    const reply = await this.book.open(tx, { ...at, stage: 'reply' });
    await tx.get(TICKETS).update(ticket.id, { reopenCount: ticket.reopenCount + 1, replyDueAt: reply?.dueAt ?? null, repliedAt: null });
    const unit = await tx.get(UNITS).findById(a.unitId);
    if (!unit) return;
    const notice = dispatchNotice(await this.facts.facts(tx, ticket), unit.name, 'lead', reply?.dueAt ?? null, this.facts.link(ticket), true);
    await tx.mail({ dedupeKey: `reopen-${a.id}-${ticket.reopenCount + 1}`, kind: 'dispatch', to: [unit.email], ...notice, ticketId: ticket.id });
  }
}
