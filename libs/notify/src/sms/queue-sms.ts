import type { HubConfig } from '@hub/config';
import { NewSms, SMS_OUTBOX, Transaction } from '@hub/database';
import { normalizePhone } from '@hub/domain';
import { quietHoursEnd } from './quiet-hours';
import type { SmsDraft } from './sms-templates';

/**
 * Writes an SMS to the outbox inside the caller's unit of work and queues `send-sms` after
 * commit. A non-urgent SMS written in quiet hours waits for 08:00 (the SMS sweep queues it then).
 * Returns false when the dedupe key is already there (a retried handler sends nothing twice), or
 * when the phone is not a number.
 *
 *   await queueSms(tx, { ...receiptSms({ number, lookupCode }), dedupeKey: `receipt-${ticket.id}`, phone, ticketId: ticket.id }, now);
 */
export async function queueSms(tx: Transaction, sms: SmsDraft & Omit<NewSms, 'kind' | 'text'>, now: Date): Promise<boolean> {
  const phone = normalizePhone(sms.phone);
  if (!phone || !/^\d{5,20}$/.test(phone)) return false;
  const notBefore = sms.urgent ? null : quietHoursEnd(now);
  const id = await tx.get(SMS_OUTBOX).add({ ...sms, phone, notBefore: notBefore ?? sms.notBefore ?? now });
  if (id == null) return false;
  if (!notBefore) tx.enqueue('send-sms', { smsId: id });
  return true;
}

/** The liaison officer (联络员) units.yaml names for a unit, if any. */
export function liaisonOf(config: Pick<HubConfig, 'units'>, unitName: string): { name: string; phone: string } | null {
  const l = config.units.units.find((u) => u.name === unitName)?.liaison;
  return l ? { name: l.name, phone: l.phone } : null;
}

/**
 * Queues an SMS to a unit's liaison officer, if the unit has one: reminders (`liaisonReminderSms`)
 * and urgent alerts (`urgentAlertSms`). The key should name the decision (`reminder-<key>`), so a
 * repeated sweep sends nothing twice.
 */
export async function queueLiaisonSms(
  tx: Transaction,
  config: Pick<HubConfig, 'units'>,
  unitName: string,
  draft: SmsDraft,
  dedupeKey: string,
  ticketId: number | null,
  now: Date,
): Promise<boolean> {
  const liaison = liaisonOf(config, unitName);
  if (!liaison) return false;
  return queueSms(tx, { ...draft, dedupeKey, phone: liaison.phone, ticketId }, now);
}

/**
 * A batch of SMS in one multi-row write (a reminder sweep's liaison reminders): same rules as
 * queueSms (phone normalised, quiet hours, dedupe key), one round trip. Returns how many were new.
 */
export async function queueSmsBatch(tx: Transaction, list: Array<SmsDraft & Omit<NewSms, 'kind' | 'text'>>, now: Date): Promise<number> {
  if (!list.length) return 0;
  const quiet = quietHoursEnd(now);
  const rows = list
    .map((sms) => ({ ...sms, phone: normalizePhone(sms.phone) ?? '' }))
    .filter((sms) => /^\d{5,20}$/.test(sms.phone))
    .map((sms) => ({ ...sms, notBefore: (sms.urgent ? null : quiet) ?? sms.notBefore ?? now }));
  const added = await tx.get(SMS_OUTBOX).addMany(rows);
  const due = new Set(rows.filter((r) => r.notBefore <= now).map((r) => r.dedupeKey.slice(0, 150)));
  for (const a of added) if (due.has(a.dedupeKey)) tx.enqueue('send-sms', { smsId: a.id });
  return added.length;
}
