import { availableActions, FINAL_STATUSES, TicketAction, TicketStatus } from '@hub/domain';

/** What a unit does on a ticket it holds; everything else is the desk's. */
const UNIT_ACTIONS: readonly TicketAction[] = ['acknowledge', 'return', 'request_extension', 'request_suspension', 'resume', 'reply'];

export interface HeldAssignment {
  role: string;
  acknowledgedAt: Date | null;
  repliedAt: Date | null;
}

/**
 * The actions a unit user is offered on a ticket, from its own units' active assignments rather
 * than the ticket's status alone: the lead unit (主办) the unit actions the status allows; an
 * assisting unit (协办) its own 签收 and then its own 反馈 (the ticket's status follows the lead, so
 * it offered an assisting unit 退单 and 延期, which only the lead may do, and no 签收 once the lead
 * had signed); a lower unit under a desk (二级派单) its own 签收, 退单 and 反馈, which go to the desk; a
 * unit that no longer holds the ticket (returned, reassigned away) nothing.
 */
export function actionsForUnit(status: TicketStatus, mine: HeldAssignment[]): TicketAction[] {
  if (mine.some((a) => a.role === 'lead')) return availableActions(status).filter((a) => UNIT_ACTIONS.includes(a));
  // A lower unit under a desk (二级派单): its own 签收, 退单 (to the desk) and 办结反馈 (to the desk).
  const sub = mine.find((a) => a.role === 'sub');
  if (sub) {
    if (FINAL_STATUSES.includes(status) || sub.repliedAt) return [];
    return sub.acknowledgedAt ? ['return', 'reply'] : ['acknowledge', 'return'];
  }
  const assist = mine.find((a) => a.role === 'assist');
  if (!assist || FINAL_STATUSES.includes(status)) return [];
  if (!assist.acknowledgedAt) return ['acknowledge'];
  if (!assist.repliedAt) return ['reply'];
  return [];
}
