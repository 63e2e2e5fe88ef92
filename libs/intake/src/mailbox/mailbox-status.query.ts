import type { HubConfig } from '@hub/config';
import { INTAKE_ITEMS, MAILBOX_STATES, type UnitOfWork } from '@hub/database';

export interface MailboxStatusReport {
  mailboxes: Array<{
    name: string;
    status: string;
    lastUid: number;
    uidValidity: string | null;
    lastSuccessAt: Date | null;
    lastMailAt: Date | null;
    consecutiveFailures: number;
    lastError: string | null;
  }>;
  quarantined: Array<{ id: number; mailbox: string | null; messageId: string | null; reason: string | null; at: Date }>;
}

/** Each configured mailbox's cursor and health, and the letters waiting in quarantine (read side). */
export async function mailboxStatus(uow: UnitOfWork, config: HubConfig, quarantineLimit = 200): Promise<MailboxStatusReport> {
  const states = await uow.read(MAILBOX_STATES).list();
  const quarantined = await uow.read(INTAKE_ITEMS).listQuarantinedLetters(quarantineLimit);
  return {
    mailboxes: config.mailboxes.mailboxes.map((m) => {
      const s = states.find((x) => x.mailbox === m.name);
      return {
        name: m.name,
        status: s?.status ?? 'never polled',
        lastUid: s?.lastUid ?? 0,
        uidValidity: s?.uidValidity ?? null,
        lastSuccessAt: s?.lastSuccessAt ?? null,
        lastMailAt: s?.lastMailAt ?? null,
        consecutiveFailures: s?.consecutiveFailures ?? 0,
        lastError: s?.lastError ?? null,
      };
    }),
    quarantined: quarantined.map((q) => ({ id: q.id, mailbox: q.mailbox, messageId: q.messageId, reason: q.reason, at: q.createdAt })),
  };
}
