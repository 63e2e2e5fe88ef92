import { availableActions, IllegalTransitionError, MissingTransitionDataError, TICKET_ACTIONS, transition, TransitionInput } from './ticket-lifecycle';
import { TICKET_STATUSES, TicketStatus } from './ticket-status';

const actor = { kind: 'user' as const, id: 1, name: '话务员甲' };
const at = new Date('2026-03-02T01:00:00Z');

/** Data that satisfies every action's requirements, so only the state decides. */
function complete(action: TransitionInput['action']): TransitionInput {
  return {
    action,
    actor,
    at,
    reason: '理由',
    unitId: 3,
    outcome: 'resolved',
    replyText: '已处理',
    rating: '满意',
    extensionDays: 5,
    targetTicketId: 9,
  };
}

// The legal transitions of DOMAIN.md, written out so the test reads as the rule book.
const LEGAL: Array<[TicketStatus, TransitionInput['action'], TicketStatus]> = [
  ['received', 'accept', 'accepted'],
  ['received', 'mark_invalid', 'invalid'],
  ['accepted', 'mark_invalid', 'invalid'],
  ['returned', 'mark_invalid', 'invalid'],
  ['received', 'answer_directly', 'direct_answer'],
  ['accepted', 'answer_directly', 'direct_answer'],
  ['returned', 'answer_directly', 'direct_answer'],
  ['received', 'provide_service', 'service_provided'],
  ['accepted', 'provide_service', 'service_provided'],
  ['returned', 'provide_service', 'service_provided'],
  ['received', 'dispatch', 'dispatched'],
  ['accepted', 'dispatch', 'dispatched'],
  ['dispatched', 'acknowledge', 'acknowledged'],
  ['reopened', 'acknowledge', 'acknowledged'],
  ['dispatched', 'return', 'returned'],
  ['acknowledged', 'return', 'returned'],
  ['returned', 'approve_return', 'accepted'],
  ['returned', 'reject_return', 'dispatched'],
  ['returned', 'reassign', 'dispatched'],
  ['dispatched', 'reassign', 'dispatched'],
  ['acknowledged', 'reassign', 'dispatched'],
  ['extension_requested', 'reassign', 'dispatched'],
  ['reopened', 'reassign', 'dispatched'],
  ['suspension_requested', 'reassign', 'dispatched'],
  ['suspended', 'reassign', 'dispatched'],
  ['acknowledged', 'request_suspension', 'suspension_requested'],
  ['suspension_requested', 'approve_suspension', 'suspended'],
  ['suspension_requested', 'reject_suspension', 'acknowledged'],
  ['suspended', 'resume', 'acknowledged'],
  ['acknowledged', 'request_extension', 'extension_requested'],
  ['extension_requested', 'approve_extension', 'acknowledged'],
  ['extension_requested', 'reject_extension', 'acknowledged'],
  ['acknowledged', 'reply', 'replied'],
  ['extension_requested', 'reply', 'replied'],
  ['reply_review', 'accept_reply', 'replied'],
  ['reply_review', 'send_back', 'acknowledged'],
  ['replied', 'survey', 'surveyed'],
  ['received', 'merge', 'merged'],
  ['accepted', 'merge', 'merged'],
  ['returned', 'merge', 'merged'],
  ['surveyed', 'close', 'closed'],
  ['direct_answer', 'close', 'closed'],
  ['service_provided', 'close', 'closed'],
  ['replied', 'close', 'closed'],
];

describe('ticket lifecycle', () => {
  it('holds a reply the policy puts under 办结审核 for review, and sends it back only with a reason', () => {
    expect(transition('acknowledged', { ...complete('reply'), needsReview: true }).toStatus).toBe('reply_review');
    expect(transition('extension_requested', { ...complete('reply'), needsReview: true }).toStatus).toBe('reply_review');
    expect(() => transition('reply_review', { ...complete('send_back'), reason: ' ' })).toThrow(MissingTransitionDataError);
    expect(() => transition('reply_review', complete('survey'))).toThrow(IllegalTransitionError);
  });

  it.each(LEGAL)('from %s, %s leads to %s and records the event', (from, action, to) => {
    const event = transition(from, complete(action));
    expect(event.toStatus).toBe(to);
    expect(event.fromStatus).toBe(from);
    expect(event.type).toBe(action);
    expect(event.actor).toEqual(actor);
    expect(event.at).toEqual(at);
  });

  it('refuses every transition the rule book does not list, naming the state', () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from}|${action}`));
    let refused = 0;
    for (const status of TICKET_STATUSES) {
      for (const action of TICKET_ACTIONS) {
        if (legal.has(`${status}|${action}`)) continue;
        expect(() => transition(status, complete(action))).toThrow(IllegalTransitionError);
        refused++;
      }
    }
    expect(refused).toBe(TICKET_STATUSES.length * TICKET_ACTIONS.length - LEGAL.length);
    expect(() => transition('closed', complete('reply'))).toThrow(/closed \(已办结\)/);
  });

  it('offers exactly the legal actions for each state', () => {
    expect(availableActions('dispatched').sort()).toEqual(['acknowledge', 'reassign', 'return'].sort());
    expect(availableActions('closed')).toEqual([]);
  });

  it('reopens the ticket to the unit when the requester is not satisfied (重办)', () => {
    const event = transition('replied', { ...complete('survey'), rating: '不满意' });
    expect(event.toStatus).toBe('reopened');
    expect(event.data.rating).toBe('不满意');
  });

  it('puts a rejected return back to where the unit had it', () => {
    expect(transition('returned', { ...complete('reject_return'), wasAcknowledged: true }).toStatus).toBe('acknowledged');
    expect(transition('returned', { ...complete('reject_return'), wasAcknowledged: false }).toStatus).toBe('dispatched');
  });

  it('refuses a return without a reason, an extension without days, a reply without an outcome', () => {
    expect(() => transition('acknowledged', { action: 'return', actor, at, reason: '  ' })).toThrow(MissingTransitionDataError);
    expect(() => transition('acknowledged', { action: 'request_extension', actor, at, reason: '需要协调' })).toThrow(/number of days/);
    expect(() => transition('acknowledged', { action: 'reply', actor, at, replyText: '已处理' })).toThrow(/outcome/);
    expect(() => transition('received', { action: 'dispatch', actor, at })).toThrow(/unit/);
    expect(() => transition('received', { action: 'dispatch', actor, at, unitId: 2, assistUnitIds: [2] })).toThrow(/assisting/);
  });

  it('closes a replied ticket before its follow-up only with a reason (回访 skipped is on record)', () => {
    expect(() => transition('replied', { action: 'close', actor, at })).toThrow(/not surveyed.*say why/);
    expect(() => transition('replied', { action: 'close', actor, at, reason: ' ' })).toThrow(MissingTransitionDataError);
    expect(transition('replied', { action: 'close', actor, at, reason: '三次回访均未接通' }).reason).toBe('三次回访均未接通');
    expect(transition('surveyed', { action: 'close', actor, at }).toStatus).toBe('closed');
  });

  it('keeps the reason and the action data in the event', () => {
    const event = transition('accepted', { action: 'dispatch', actor, at, unitId: 4, assistUnitIds: [5, 6], reason: ' 属地管理 ' });
    expect(event.reason).toBe('属地管理');
    expect(event.data).toEqual({ unitId: 4, assistUnitIds: [5, 6] });
  });
});
