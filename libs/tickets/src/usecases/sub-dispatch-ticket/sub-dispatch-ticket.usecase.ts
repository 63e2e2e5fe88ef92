import { Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, UNITS, validateCommand } from '@hub/database';
import { dispatchNotice } from '@hub/notify';
import { FINAL_STATUSES } from '@hub/domain';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { SubChain } from '../shared/sub-chain';
import { SubDispatchTicketCommand } from './sub-dispatch-ticket.command';

/**
 * 二级派单: a desk unit (units.yaml `desk: true`) that holds the ticket and has signed for it (签收)
 * hands it to one of its child units. The child gets an assignment of its own under the desk's,
 * its limits from the desk's remaining time (SubChain.openDeadlines) and a dispatch notice; the
 * desk keeps the ticket and its own limits, and answers upward from the child's reply.
 */
@Injectable()
export class SubDispatchTicketUseCase {
  constructor(private readonly chain: SubChain) {}

  async execute(input: SubDispatchTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId, childUnitId, note = null } = validateCommand(SubDispatchTicketCommand, input);
    const now = this.chain.clock.now();
    return this.chain.run(ticketId, async (tx, ticket) => {
      const desk = (await tx.get(ASSIGNMENTS).listActive(ticketId)).find((a) => a.unitId === unitId && a.role !== 'assist');
      if (!desk) throw new TicketNotFoundError(ticketId);
      const units = tx.get(UNITS);
      const deskUnit = await units.findById(unitId);
      if (!deskUnit?.desk) throw new ActionRefusedError('本单位不是分中心（units.yaml 未设 desk: true），不能二级派单');
      if (FINAL_STATUSES.includes(ticket.status)) throw new ActionRefusedError('工单已办结，不能再派单');
      if (!desk.acknowledgedAt) throw new ActionRefusedError('请先签收工单，再转派下级单位');
      if (desk.repliedAt) throw new ActionRefusedError('本单位已办结反馈，不能再转派');
      if ((await this.chain.childrenOf(tx, desk)).some((c) => c.status === 'active' || c.status === 'replied')) {
        throw new ActionRefusedError('该工单已转派下级单位且尚未办结上报：请待其反馈、退单，或上报后再转派');
      }
      const children = await units.listChildren(unitId);
      const child = children.find((u) => u.id === childUnitId);
      if (!child) {
        const names = children.map((u) => u.name).join('、') || '（无）';
        throw new ActionRefusedError(`只能转派本单位的下级单位（units.yaml 中 parent 为本单位的单位）：${names}`);
      }
      const a = await tx.get(ASSIGNMENTS).add({
        ticketId,
        unitId: child.id,
        role: 'sub',
        status: 'active',
        dispatchedAt: now,
        extensionCount: 0,
        parentAssignmentId: desk.id,
      });
      const reply = await this.chain.openDeadlines(tx, ticket, desk, a, now, ['acknowledge', 'return_window', 'reply']);
      await tx.get(TICKET_EVENTS).record({
        ticketId,
        type: 'sub_dispatched',
        actor,
        at: now,
        reason: note,
        data: { unitId: child.id, deskUnitId: unitId, assignmentId: a.id, replyDueAt: reply?.dueAt.toISOString() ?? null },
      });
      const facts = await this.chain.facts.facts(tx, ticket);
      const notice = dispatchNotice(facts, child.name, 'lead', reply?.dueAt ?? null, this.chain.facts.link(ticket), false, deskUnit.name);
      await tx.mail({ dedupeKey: `dispatch-${a.id}`, kind: 'dispatch', to: [child.email], ...notice, ticketId });
      return ticket;
    });
  }
}
