import { REQUESTERS, SURVEY_LINKS, type TicketEntity, type Transaction } from '@hub/database';
import { formatBusinessTime, normalizePhone } from '@hub/domain';
import { queueSms, surveyMail, surveySms } from '@hub/notify';
import type { TicketFactsReader } from '../usecases/shared/ticket-facts';
import { hashSurveyToken, newSurveyToken } from './citizen-secrets';

/** Without a follow-up limit (a policy without one), a survey link is open this long. */
export const SURVEY_LINK_DEFAULT_MS = 7 * 86_400_000;

/**
 * 回访 by link: once a ticket is replied, its requester gets a link to a short survey page, by
 * mail when they gave an e-mail address, otherwise by SMS to a mobile. The link expires with the
 * follow-up limit; the operator's phone task stays until an answer comes. Returns whether one was sent.
 */
export async function sendSurveyLink(
  tx: Transaction,
  facts: TicketFactsReader,
  ticket: TicketEntity,
  at: { round: number; now: Date; expiresAt: Date | null },
): Promise<boolean> {
  const requester = ticket.requesterId ? await tx.get(REQUESTERS).findById(ticket.requesterId) : null;
  const phone = normalizePhone(requester?.phone);
  const mobile = phone && /^1[3-9]\d{9}$/.test(phone) ? phone : null;
  if (!requester?.email && !mobile) return false;
  const token = newSurveyToken();
  const expiresAt = at.expiresAt ?? new Date(at.now.getTime() + SURVEY_LINK_DEFAULT_MS);
  await tx.get(SURVEY_LINKS).add({ ticketId: ticket.id, tokenHash: hashSurveyToken(token), expiresAt });
  const number = facts.number(ticket);
  const link = facts.publicPage(`/q/s/${token}`);
  const dedupeKey = `survey-${ticket.id}-${at.round}`;
  if (requester?.email) {
    const mail = surveyMail({ number, name: requester.name, link, expiresAt: formatBusinessTime(expiresAt) });
    return tx.mail({ dedupeKey, kind: 'survey', to: [requester.email], ...mail, ticketId: ticket.id });
  }
  return queueSms(tx, { ...surveySms({ number, link }), dedupeKey, phone: mobile as string, ticketId: ticket.id }, at.now);
}
