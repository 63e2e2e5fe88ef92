import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { Actor, CLOCK, Clock } from '@hub/domain';
import { returnRejectedNotice } from '@hub/notify';
import { ActionRefusedError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { DecideReturnCommand } from './decide-return.command';

/**
 * The desk decides a unit's 退单. 同意: back to triage, the returned assignment's deadlines end.
 * 驳回: the unit keeps it and is told why; its deadlines run again, moved by the time they stood still.
 */
@Injectable()
export class DecideReturnUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: DecideReturnCommand): Promise<TicketEntity> {
    const cmd = validateCommand(DecideReturnCommand, input);
    return cmd.decision === 'approve' ? this.approve(cmd.ticketId, cmd.actor, cmd.reason) : this.reject(cmd.ticketId, cmd.reason ?? '', cmd.actor);
  }

  private async approve(ticketId: number, actor: Actor, reason?: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'approve_return', actor, at: now, reason },
      async ({ tx }) => {
        for (const a of await tx.get(ASSIGNMENTS).listInStatus(ticketId, ['returned'])) await this.book.cancel(tx, { assignmentId: a.id }, now);
      },
      () => ({ leadUnitId: null }),
    );
    return ticket;
  }

  private async reject(ticketId: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    const a = await this.uow.read(ASSIGNMENTS).findLatest(ticketId, { role: 'lead', status: 'returned' });
    const input = { action: 'reject_return' as const, actor, at: now, reason, wasAcknowledged: Boolean(a?.acknowledgedAt) };
    const { ticket } = await runTransition(this.uow, ticketId, input, async ({ tx, ticket }) => {
      if (!a) throw new ActionRefusedError('no returned assignment to give back');
      a.status = 'active';
      await tx.get(ASSIGNMENTS).save(a);
      await this.book.resume(tx, { assignmentId: a.id }, now, this.facts.cityOf(ticket));
      const unit = await tx.get(UNITS).findById(a.unitId);
      if (!unit) throw new ActionRefusedError(`unit ${a.unitId} does not exist or is retired`);
      const notice = returnRejectedNotice(this.facts.number(ticket), unit.name, reason, this.facts.link(ticket));
      await tx.mail({ dedupeKey: `reject-return-${a.id}-${now.getTime()}`, kind: 'notice', to: [unit.email], ticketId, ...notice });
    });
    return ticket;
  }
}
