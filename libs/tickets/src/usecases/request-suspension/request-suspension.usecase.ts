import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { businessDate, CLOCK, Clock, SUSPENSION_GROUND_LABELS } from '@hub/domain';
import { ActionRefusedError } from '../../ticket-errors';
import { requireHolder } from '../shared/holder';
import { runTransition } from '../shared/transition-runner';
import { RequestSuspensionCommand } from './request-suspension.command';

/** 申请中止: the clocks run on until the desk approves (an unapproved wait is the unit's time). */
@Injectable()
export class RequestSuspensionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: RequestSuspensionCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, ground, reason, expectedResumeOn } = validateCommand(RequestSuspensionCommand, input);
    const now = this.clock.now();
    if (expectedResumeOn < businessDate(now)) throw new ActionRefusedError('预计恢复日期不能早于今天');
    await requireHolder(this.uow, ticketId, unitId);
    const { ticket } = await runTransition(this.uow, ticketId, {
      action: 'request_suspension',
      actor,
      at: now,
      reason: reason.trim() ? `${SUSPENSION_GROUND_LABELS[ground]}：${reason.trim()}` : null,
      data: { ground, expectedResumeOn },
    });
    return ticket;
  }
}
