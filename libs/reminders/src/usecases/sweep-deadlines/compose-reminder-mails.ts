import type { TicketSummary } from '@hub/database';
import { formatTicketNumber, redactPersonalText } from '@hub/domain';
import { escalationMail, unitReminderMail } from '@hub/notify';
import type { DecidedReminder } from './decide-reminders';

/** A decided reminder with its recipients and wording; `problem` says why nobody gets it. */
export interface ReminderMail {
  item: DecidedReminder;
  to: string[];
  subject: string;
  text: string;
  problem: string | null;
  /** The ticket's number and the handling unit's name (null for the dispatch stage), for the liaison SMS. */
  number: string;
  unitName: string | null;
}

export interface ReminderMailContext {
  units: Map<number, { name: string; email: string }>;
  /** 二级派单: the desk unit above each lower unit's assignment (by assignment id). */
  desks?: Map<number, number>;
  tickets: Map<number, TicketSummary>;
  supervisors: string[];
  ticketPrefix: string;
  publicUrl: string;
}

/** The recipients, subject and text of each reminder. */
export function composeReminderMails(items: DecidedReminder[], ctx: ReminderMailContext): ReminderMail[] {
  return items.map((item) => {
    const t = ctx.tickets.get(item.row.ticketId);
    const unit = item.row.unitId != null ? (ctx.units.get(item.row.unitId) ?? null) : null;
    const facts = {
      number: t ? formatTicketNumber(t.numberPrefix || ctx.ticketPrefix, t.receivedAt, item.row.ticketId) : String(item.row.ticketId),
      excerpt: t ? oneLine(excerptOf(t)) : '',
      stage: item.row.stage,
      level: item.send.level,
      dueAt: item.row.dueAt,
      unitName: unit?.name ?? null,
      link: `${ctx.publicUrl}/#/tickets/${item.row.ticketId}`,
      urgent: t?.urgency === 'urgent',
    };
    // A stage without a unit (dispatch) is the operators' own: supervisors get its warnings too,
    // worded as warnings; only escalation is 督办.
    const toSupervisors = item.send.audience === 'supervisors' || !unit;
    // A lower unit's limit under a desk (二级派单): its desk unit hears of every reminder and escalation too.
    const deskId = item.row.assignmentId != null ? ctx.desks?.get(item.row.assignmentId) : undefined;
    const desk = deskId != null ? ctx.units.get(deskId)?.email : undefined;
    const own = toSupervisors ? ctx.supervisors : unit.email ? [unit.email] : [];
    const to = desk && !own.includes(desk) ? [...own, desk] : own;
    const mail = item.send.level === 'escalation' ? escalationMail(facts) : unitReminderMail(facts);
    const problem = to.length ? null : toSupervisors ? '没有督办人员邮箱（config/units.yaml 的 supervisors）' : `单位 ${unit?.name} 没有邮箱`;
    return { item, to, ...mail, problem, number: facts.number, unitName: unit?.name ?? null };
  });
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/** The subject or the start of the request; for a confidential ticket with the requester's data masked, as units read it everywhere. */
function excerptOf(t: TicketSummary): string {
  const text = t.subject || t.textStart || '';
  return t.confidential && t.personal ? redactPersonalText(text, t.personal) : text;
}
