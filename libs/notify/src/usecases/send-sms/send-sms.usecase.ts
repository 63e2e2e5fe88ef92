import { Inject, Injectable } from '@nestjs/common';
import { SMS_OPT_OUTS, SMS_OUTBOX, UnitOfWork } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { quietHoursEnd } from '../../sms/quiet-hours';
import { SMS_TRANSPORT, SmsRejectedError, SmsTransport } from '../../sms/sms-transport';
import { validateCommand } from '@hub/database';
import { retryWhileDatabaseAway } from '../retry-while-database-away';
import { SendSmsCommand } from './send-sms.command';

/** How long a sender holds an SMS it claimed (as the mail sender's SEND_LEASE_MS): longer than a gateway exchange can take. */
export const SMS_SEND_LEASE_MS = 5 * 60_000;
/** As `send-sms`'s job options: its last attempt marks the SMS failed. */
export const MAX_SMS_ATTEMPTS = 8;
/** The queue's back-off before attempt n+1 (jobOptions: exponential from 5 s), so a retry finds the row due. */
const retryDelayMs = (attempts: number) => 5000 * 2 ** (attempts - 1);

export type SendSmsResult = 'sent' | 'already-sent' | 'in-progress' | 'not-due' | 'deferred' | 'suppressed' | 'failed' | 'missing';

/**
 * Sends one outbox SMS, exactly once, with the mail sender's semantics: only the sender that
 * claims the row sends (two workers may hold the same job after Redis lost it); a failure is
 * recorded and rethrown for the queue's back-off, the last one marks the row failed; once the
 * gateway took it, recording it as sent is retried while the database is away. Before sending:
 * a non-urgent SMS waits out quiet hours (22:00–08:00), and a phone that replied 退订 gets no
 * non-essential SMS.
 */
@Injectable()
export class SendSmsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SMS_TRANSPORT) private readonly transport: SmsTransport,
  ) {}

  async execute(input: SendSmsCommand): Promise<SendSmsResult> {
    const { smsId } = validateCommand(SendSmsCommand, input);
    const outbox = this.uow.read(SMS_OUTBOX);
    const row = await outbox.find(smsId);
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'failed' || row.status === 'suppressed') return row.status;
    const now = this.clock.now();
    if (!(await outbox.claim(row.id, now, SMS_SEND_LEASE_MS))) {
      // Another sender took it (or sent it) since the read, or it is not due yet (quiet hours).
      const status = (await outbox.find(row.id))?.status;
      return status === 'sending' ? 'in-progress' : status === 'sent' ? 'already-sent' : 'not-due';
    }
    const quietUntil = row.urgent ? null : quietHoursEnd(now);
    if (quietUntil) {
      await outbox.release(row.id, quietUntil);
      return 'deferred';
    }
    if (!row.essential && (await this.uow.read(SMS_OPT_OUTS).isOptedOut(row.phone))) {
      await outbox.suppress(row.id, '退订: this phone replied TD; not essential, so not sent');
      return 'suppressed';
    }
    const attempts = row.attempts + 1;
    let providerIds: string[];
    try {
      ({ providerIds } = await this.transport.send({ id: row.id, phone: row.phone, text: row.text, attempt: attempts }));
    } catch (e) {
      const final = attempts >= MAX_SMS_ATTEMPTS || e instanceof SmsRejectedError;
      await outbox.recordFailure(row.id, { attempts, error: (e as Error).message, final, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) });
      if (final) return 'failed';
      throw e;
    }
    await retryWhileDatabaseAway(SMS_SEND_LEASE_MS / 2, () => outbox.recordSent(row.id, { at: this.clock.now(), attempts, providerIds }));
    return 'sent';
  }
}
