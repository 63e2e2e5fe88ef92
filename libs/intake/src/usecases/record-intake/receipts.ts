import { OUTBOX, type OutgoingMail, type Transaction } from '@hub/database';
import { type Clock, formatTicketNumber, normalizeEmail, normalizePhone, systemClock } from '@hub/domain';
import { queueSmsBatch, receiptMail, receiptSms } from '@hub/notify';
import { hashLookupCode, newLookupCode } from '@hub/tickets';
import type { DraftWork } from './duplicate-keys';

/** What receipts need to know: how numbers are written, where citizens look them up, the time. */
export interface ReceiptSettings {
  ticketPrefix: string;
  /** HUB_PUBLIC_URL: the status page is `<publicUrl>/q`. */
  publicUrl: string;
  clock: Clock;
  /** The cities' number prefixes by city name (cities.yaml); none in a single-city installation. */
  cityPrefixes?: ReadonlyMap<string, string>;
}

export const DEFAULT_RECEIPT_SETTINGS: ReceiptSettings = { ticketPrefix: 'QH', publicUrl: 'http://127.0.0.1:3000', clock: systemClock };

/** The prefix a draft's ticket is numbered with: its city's, else the installation's. */
export function draftPrefix(settings: ReceiptSettings, city: string | null | undefined): string {
  return (city && settings.cityPrefixes?.get(city)) || settings.ticketPrefix;
}

/** A ticket received longer ago than this (an old export imported late) gets its code, but no receipt. */
const RECEIPT_MAX_AGE_MS = 7 * 86_400_000;

/** A mainland mobile number (an SMS can reach it); landlines get no SMS. */
export const isMobile = (digits: string | null): digits is string => !!digits && /^1[3-9]\d{9}$/.test(digits);

/** Each draft about to become a new ticket gets its 查询码; only its hash is written with the ticket. */
export function giveLookupCodes(fresh: DraftWork[]): Map<DraftWork, { code: string; hash: string }> {
  return new Map(
    fresh.map((w) => {
      const code = newLookupCode();
      return [w, { code, hash: hashLookupCode(code) }];
    }),
  );
}

/**
 * The receipt of each new ticket, in the same transaction: by mail when the requester gave an
 * e-mail address, otherwise by SMS when they gave a mobile number (it waits in the SMS outbox for
 * quiet hours or a gateway that is down). Keys `receipt-<ticket id>`: a batch done again sends nothing twice.
 */
export async function queueReceipts(tx: Transaction, made: Array<{ w: DraftWork; code: string }>, settings: ReceiptSettings): Promise<void> {
  const now = settings.clock.now();
  const mails: OutgoingMail[] = [];
  const sms: Parameters<typeof queueSmsBatch>[1] = [];
  for (const { w, code } of made) {
    const d = w.draft;
    const ticketId = w.ticketId as number;
    if (now.getTime() - d.receivedAt.getTime() > RECEIPT_MAX_AGE_MS) continue;
    const number = formatTicketNumber(draftPrefix(settings, d.city), d.receivedAt, ticketId);
    const email = normalizeEmail(d.requester?.email);
    const phone = normalizePhone(d.requester?.phone);
    if (email) {
      const link = `${settings.publicUrl}/q?n=${encodeURIComponent(number)}`;
      mails.push({
        dedupeKey: `receipt-${ticketId}`,
        kind: 'receipt',
        to: [email],
        ticketId,
        ...receiptMail({ number, lookupCode: code, name: d.requester?.name?.trim() || null, link }),
      });
    } else if (isMobile(phone)) {
      sms.push({ ...receiptSms({ number, lookupCode: code }), dedupeKey: `receipt-${ticketId}`, phone, ticketId });
    }
  }
  if (mails.length) {
    const ids = await tx.get(OUTBOX).ensureMany(mails);
    for (const m of mails) {
      const id = ids.get(m.dedupeKey);
      if (id !== undefined) tx.enqueue('mail-send', { outboxId: id });
    }
  }
  if (sms.length) await queueSmsBatch(tx, sms, now);
}
