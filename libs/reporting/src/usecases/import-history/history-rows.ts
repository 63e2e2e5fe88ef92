import type { Channel } from '@hub/domain';
import type { HistoryAssignmentRow, HistoryDeadlineRow, HistoryEventRow, HistoryExampleRow, HistoryTicketRow } from '@hub/database';
import type { DeadlinePolicies } from '@hub/deadlines';
import { HistoryLine, importedStatus } from '../../history-line';

/** A checked line of the file with its source and unit found. */
export interface GoodHistoryLine {
  lineNo: number;
  line: HistoryLine;
  sourceId: number;
  channel: Channel;
  unitId: number | null;
}

export function historyTicketRow({ line: l, sourceId, channel, unitId }: GoodHistoryLine): HistoryTicketRow {
  const dispatched = l.disposition === 'dispatched';
  return {
    sourceId,
    channel,
    externalId: l.id,
    status: importedStatus(l),
    subject: null,
    text: l.text,
    address: null,
    receivedAt: l.receivedAt,
    category: l.category,
    region: l.region,
    urgency: l.urgency,
    disposition: l.disposition,
    leadUnitId: unitId,
    requesterId: null,
    confidential: false,
    mergedIntoId: null,
    clusterId: null,
    repeatCount: 0,
    classification: null,
    dispatchedAt: dispatched ? (l.dispatchedAt ?? l.receivedAt) : null,
    acknowledgedAt: l.acknowledgedAt,
    repliedAt: l.repliedAt,
    replyDueAt: l.replyDueAt,
    surveyedAt: l.rating ? (l.surveyedAt ?? l.closedAt ?? l.repliedAt) : null,
    closedAt: l.closedAt,
    outcome: l.outcome,
    rating: l.rating,
    returnCount: 0,
    extensionCount: l.extensions,
    reopenCount: 0,
    imported: true,
    messageId: null,
    version: 1,
  } as HistoryTicketRow;
}

export interface HistoryRows {
  events: HistoryEventRow[];
  assignments: HistoryAssignmentRow[];
  deadlines: HistoryDeadlineRow[];
  examples: HistoryExampleRow[];
}

/**
 * What one imported ticket adds besides itself: its 'imported' event; when dispatched, its lead
 * assignment and its deadlines as a record (met, open or cancelled; no reminders); and a training
 * example when the line says where it went.
 */
export function addHistoryRows(
  rows: HistoryRows,
  id: number,
  g: GoodHistoryLine,
  ctx: { importFileId: number; policies: DeadlinePolicies | null; unitNames: Map<number, string> },
): void {
  const l = g.line;
  const open = !l.closedAt;
  rows.events.push({
    ticketId: id,
    type: 'imported',
    fromStatus: null,
    toStatus: importedStatus(l),
    actorKind: 'system',
    actorId: null,
    actorName: '历史数据导入',
    at: l.receivedAt,
    reason: null,
    data: { importFileId: ctx.importFileId, line: g.lineNo },
  });
  if (l.disposition === 'dispatched') {
    const dispatchedAt = l.dispatchedAt ?? l.receivedAt;
    if (g.unitId)
      rows.assignments.push({
        ticketId: id,
        unitId: g.unitId,
        role: 'lead',
        status: l.closedAt ? 'closed' : l.repliedAt ? 'replied' : 'active',
        dispatchedAt,
        acknowledgedAt: l.acknowledgedAt,
        returnedAt: null,
        returnReason: null,
        repliedAt: l.repliedAt,
        outcome: l.outcome,
        replyText: null,
        extensionCount: l.extensions,
      });
    const dueCtx = { channel: g.channel as HistoryLine['channel'] & string, urgency: l.urgency, category: l.category } as never;
    let ackDue = l.acknowledgeDueAt;
    if (!ackDue && ctx.policies) {
      try {
        ackDue = ctx.policies.due('acknowledge', dueCtx, dispatchedAt)?.dueAt ?? null;
      } catch {
        ackDue = null;
      }
    }
    // History deadlines are a record, not a schedule: no reminders (nextReminderAt null).
    const deadline = (stage: string, dueAt: Date, metAt: Date | null) =>
      rows.deadlines.push({
        ticketId: id,
        assignmentId: null,
        unitId: g.unitId,
        stage,
        startAt: dispatchedAt,
        dueAt,
        status: metAt ? 'met' : open ? 'open' : 'cancelled',
        metAt,
        pausedAt: null,
        pausedMs: 0,
        dueVersion: 1,
        nextReminderAt: null,
        nextLevel: null,
        lastLevelSent: null,
        warnings: null,
      } as HistoryDeadlineRow);
    if (ackDue) deadline('acknowledge', ackDue, l.acknowledgedAt);
    if (l.replyDueAt) deadline('reply', l.replyDueAt, l.repliedAt);
  }
  const trainable = l.text && ((l.disposition === 'dispatched' && g.unitId) || l.disposition === 'direct_answer' || l.disposition === 'service_provided');
  if (trainable) {
    rows.examples.push({
      ticketId: id,
      channel: g.channel,
      text: l.text,
      category: l.category,
      region: l.region,
      department: g.unitId ? (ctx.unitNames.get(g.unitId) ?? null) : null,
      urgency: l.urgency,
      disposition: l.disposition === 'dispatched' ? 'dispatch' : 'direct_answer',
      origin: 'history',
    });
  }
}
