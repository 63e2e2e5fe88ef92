import { Inject, Injectable } from '@nestjs/common';
import { retryWhileDatabaseAway } from '../retry-while-database-away';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { OUTBOX_DELIVERY, OutboxMailRow, REMINDERS, UnitOfWork, validateCommand } from '@hub/database';
import { formatTicketNumber, HUB_MARKER_HEADER } from '@hub/domain';
import { MAIL_TRANSPORT, MailTransport, MAX_MAIL_ATTEMPTS, outboxMessageId, SEND_LEASE_MS } from '../../mail-transport';
import { reminderKeyOfMail } from '../../outbox';
import { SendOutboxMailCommand } from './send-outbox-mail.command';

export type SendOutcome = 'sent' | 'already-sent' | 'in-progress' | 'missing';

/**
 * Sends one outbox mail. Idempotent: a row already sent, or being sent by another sender, is not
 * sent again. A failure is recorded on the row (attempts, last error) and rethrown for the queue's
 * back-off; after the last attempt the row is marked failed and stays visible to administrators.
 * Once the SMTP server has the mail, recording it as sent is retried while the database is away
 * (MariaDB restarted): a retried job would otherwise send it a second time.
 *
 * Leases and back-off run on the real clock, not the injected one: they measure time between
 * processes, not business time.
 */
@Injectable()
export class SendOutboxMailUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(input: SendOutboxMailCommand): Promise<SendOutcome> {
    const command = validateCommand(SendOutboxMailCommand, input);
    const outbox = this.uow.read(OUTBOX_DELIVERY);
    const row = await outbox.find(command.outboxId);
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already-sent';
    const messageId = row.messageId ?? outboxMessageId(row);
    const claimedAt = new Date();
    if (!(await outbox.claim(row.id, claimedAt, new Date(claimedAt.getTime() + SEND_LEASE_MS)))) return 'in-progress';
    const headers: Record<string, string> = { 'Auto-Submitted': row.kind === 'answer' ? 'auto-replied' : 'auto-generated' };
    try {
      const prefix = row.ticketId ? await this.uow.read(OUTBOX_DELIVERY).ticketNumberPrefix(row.ticketId) : null;
      if (row.ticketId) headers[HUB_MARKER_HEADER] = await this.ticketNumber(row.ticketId, prefix);
      await this.transport.send({
        // A mailbox's own address, else the sender of the ticket's city (cities.yaml mailFrom), else HUB_MAIL_FROM.
        from: row.fromAddress || this.citySender(prefix) || this.config.env.mailFrom,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId,
        inReplyTo: row.inReplyTo,
        references: row.references,
        headers,
      });
    } catch (e) {
      await this.recordFailure(row, messageId, e as Error);
      throw e;
    }
    const sentAt = new Date();
    const reminderKey = reminderKeyOfMail(row);
    await retryWhileDatabaseAway(command.recordSentForMs ?? SEND_LEASE_MS / 2, async () => {
      await outbox.recordSent(row.id, { sentAt, attempts: row.attempts + 1, messageId });
      if (reminderKey) await this.uow.read(REMINDERS).recordMailOutcome(reminderKey, { status: 'sent', sentAt });
    });
    return 'sent';
  }

  private async ticketNumber(ticketId: number, prefix: string | null): Promise<string> {
    const receivedAt = await this.uow.read(OUTBOX_DELIVERY).ticketReceivedAt(ticketId);
    return receivedAt ? formatTicketNumber(prefix || this.config.env.ticketPrefix, receivedAt, ticketId) : String(ticketId);
  }

  /** The From of a city's tickets (its prefix is its own), or null. */
  private citySender(prefix: string | null): string | null {
    return (prefix && this.config.cities?.cities.find((c) => c.prefix === prefix)?.mailFrom) || null;
  }

  private async recordFailure(row: OutboxMailRow, messageId: string, e: Error): Promise<void> {
    const attempts = row.attempts + 1;
    await this.uow.read(OUTBOX_DELIVERY).recordFailure(row.id, {
      attempts,
      lastError: e.message.slice(0, 1000),
      messageId,
      status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
      nextAttemptAt: new Date(Date.now() + Math.min(3600_000, 5000 * 2 ** attempts)),
    });
    const reminderKey = reminderKeyOfMail(row);
    if (attempts >= MAX_MAIL_ATTEMPTS && reminderKey) {
      await this.uow.read(REMINDERS).recordMailOutcome(reminderKey, { status: 'failed', error: e.message.slice(0, 500) });
    }
  }
}
