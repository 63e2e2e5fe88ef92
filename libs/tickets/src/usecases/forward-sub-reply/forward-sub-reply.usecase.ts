import { Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { ReplyTicketUseCase } from '../reply-ticket/reply-ticket.usecase';
import { SubChain } from '../shared/sub-chain';
import { ForwardSubReplyCommand } from './forward-sub-reply.command';

/**
 * 上报: the desk unit answers upward from its lower unit's reply, as it stands or edited, as its
 * own reply: the ticket's 办结反馈 when the desk leads it (to the city, with its review and the
 * citizen's answer), else its own reply to the desk above it. The lower unit's part is then over.
 */
@Injectable()
export class ForwardSubReplyUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly chain: SubChain,
    private readonly reply: ReplyTicketUseCase,
  ) {}

  async execute(input: ForwardSubReplyCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId, outcome, text } = validateCommand(ForwardSubReplyCommand, input);
    const desk = (await this.uow.read(ASSIGNMENTS).listActive(ticketId)).find((a) => a.unitId === unitId && a.role !== 'assist');
    if (!desk) throw new TicketNotFoundError(ticketId);
    const child = (await this.chain.childrenOf({ get: (token) => this.uow.read(token) }, desk)).filter((c) => c.status === 'replied').at(-1);
    if (!child?.outcome) throw new ActionRefusedError('没有待上报的下级单位办结反馈');
    const answer = { outcome: outcome ?? child.outcome, text: text ?? child.replyText ?? '' };
    if (desk.role === 'lead') await this.reply.execute({ ticketId, unitId, actor, ...answer });
    else await this.chain.reply(desk, actor, answer.outcome, answer.text);
    const edited = answer.outcome !== child.outcome || answer.text !== child.replyText;
    await this.chain.run(ticketId, async (tx) => {
      child.status = 'closed';
      await tx.get(ASSIGNMENTS).save(child);
      await tx.get(TICKET_EVENTS).record({
        ticketId,
        type: 'sub_reply_forwarded',
        actor,
        at: this.chain.clock.now(),
        data: { unitId: child.unitId, deskUnitId: unitId, edited },
      });
    });
    return (await this.uow.read(TICKETS).findById(ticketId)) as TicketEntity;
  }
}
