export type { OutgoingMail } from '@hub/database';

/** The outbox key of a reminder's mail (a digest's mail uses the digest's own key as is). */
export const reminderOutboxKey = (key: string): string => `reminder-${key}`;

/** The reminder or digest whose mail this is (its row in `reminders` follows the mail); null for other mails. */
export function reminderKeyOfMail(mail: { kind: string; dedupeKey: string }): string | null {
  if (mail.kind === 'reminder' && mail.dedupeKey.startsWith('reminder-')) return mail.dedupeKey.slice('reminder-'.length);
  return mail.kind === 'digest' ? mail.dedupeKey : null;
}
