import { Inject, Injectable } from '@nestjs/common';
import { AssignmentEntity, DeadlineEntity, TicketEntity, Transaction, UnitOfWork } from '@hub/database';
import { CLOCK, Clock, OfferedAction } from '@hub/domain';
import { DeadlineBook } from './deadline-book';
import { TicketFactsReader } from './ticket-facts';

/** The statuses in which a unit records 首次联系 (RecordContactUseCase accepts it then). */
export const CONTACT_STATUSES: readonly string[] = ['dispatched', 'acknowledged', 'extension_requested', 'reopened'];

/**
 * What the ticket's page offers: the actions its status allows, narrowed to those the server will
 * accept now — no 申请延期 where the time-limit policy allows none (urgent tickets) or the allowed
 * extensions are used, or once the reply limit has passed — and 首次联系 to the lead unit (主办)
 * while its limit is open (an assisting unit contacts the requester through the lead).
 */
@Injectable()
export class OfferedActions {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  /**
   * @param legal the actions the status (and, for a unit, its own assignments) allow
   * @param held the active assignments the user acts through (a unit's own; the desk: all)
   * @param deadlines the ticket's deadlines
   */
  async of(
    t: TicketEntity,
    legal: readonly OfferedAction[],
    held: AssignmentEntity[],
    deadlines: DeadlineEntity[],
    unitUser: boolean,
  ): Promise<OfferedAction[]> {
    const now = this.clock.now();
    let out = [...legal];
    if (out.includes('request_extension')) {
      const lead = held.find((a) => a.role === 'lead');
      const reply = lead ? deadlines.find((d) => d.assignmentId === lead.id && d.stage === 'reply' && d.status === 'open') : undefined;
      const reader: Pick<Transaction, 'get'> = { get: (token) => this.uow.read(token) };
      const refused =
        !lead ||
        this.book.planner.extensionRefusalReason(await this.facts.policyContext(reader, t), {
          days: 1,
          granted: lead.extensionCount,
          requestedAt: now,
          dueAt: reply?.dueAt ?? now,
        });
      if (refused) out = out.filter((a) => a !== 'request_extension');
    }
    const contactOpen = deadlines.some((d) => d.stage === 'first_contact' && d.status === 'open');
    if (unitUser && held.some((a) => a.role === 'lead') && contactOpen && CONTACT_STATUSES.includes(t.status)) out.push('contact');
    return out;
  }
}
