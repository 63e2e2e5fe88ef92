import { Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, UNITS, validateCommand } from '@hub/database';
import { subReplySentBackNotice } from '@hub/notify';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { SubChain } from '../shared/sub-chain';
import { SendBackSubReplyCommand } from './send-back-sub-reply.command';

/**
 * 退回重办 inside the chain: the desk unit sends its lower unit's reply back with the reason. The
 * lower unit holds the ticket again and its reply limit opens anew, a share of the desk's time
 * left now (as at 二级派单); nothing went upward, so nothing upward changes.
 */
@Injectable()
export class SendBackSubReplyUseCase {
  constructor(private readonly chain: SubChain) {}

  async execute(input: SendBackSubReplyCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId, reason } = validateCommand(SendBackSubReplyCommand, input);
    const now = this.chain.clock.now();
    return this.chain.run(ticketId, async (tx, ticket) => {
      const desk = (await tx.get(ASSIGNMENTS).listActive(ticketId)).find((a) => a.unitId === unitId && a.role !== 'assist');
      if (!desk) throw new TicketNotFoundError(ticketId);
      const child = (await this.chain.childrenOf(tx, desk)).filter((c) => c.status === 'replied').at(-1);
      if (!child) throw new ActionRefusedError('没有待审核的下级单位办结反馈，无可退回');
      const before = { outcome: child.outcome, replyText: child.replyText };
      Object.assign(child, { status: 'active', repliedAt: null, outcome: null, replyText: null });
      await tx.get(ASSIGNMENTS).save(child);
      const reply = await this.chain.openDeadlines(tx, ticket, desk, child, now, ['reply']);
      await tx.get(TICKET_EVENTS).record({
        ticketId,
        type: 'sub_reply_sent_back',
        actor,
        at: now,
        reason,
        data: { unitId: child.unitId, deskUnitId: unitId, replyDueAt: reply?.dueAt.toISOString() ?? null, ...before },
      });
      const [deskUnit, unit] = await Promise.all([tx.get(UNITS).findById(unitId), tx.get(UNITS).findById(child.unitId)]);
      if (unit) {
        const link = this.chain.facts.link(ticket);
        const notice = subReplySentBackNotice({
          number: this.chain.facts.number(ticket),
          desk: deskUnit?.name ?? '',
          unit: unit.name,
          reason,
          dueAt: reply?.dueAt ?? null,
          link,
        });
        await tx.mail({ dedupeKey: `sub-send-back-${child.id}-${now.getTime()}`, kind: 'notice', to: [unit.email], ticketId, ...notice });
      }
      return ticket;
    });
  }
}
