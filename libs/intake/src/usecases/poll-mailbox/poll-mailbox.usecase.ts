import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { MAILBOX_STATES, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { configuredMailbox } from '../../mailbox/configured-mailboxes';
import { type ImapConnector, type ImapSession, MailboxConnectError } from '../../mailbox/imap-connector';
import { emptyPollResult, type PollResult } from '../../mailbox/letter-recorder';
import type { MailboxHealth } from '../../mailbox/mailbox-health.service';
import type { MailboxLock } from '../../mailbox/mailbox-lock';
import type { MailboxSync } from '../../mailbox/mailbox-sync.service';
import { PollMailboxCommand } from './poll-mailbox.command';

const LOCK_TTL_MS = 120_000;

/**
 * Turns the letters in one configured mailbox into tickets: nothing lost, nothing doubled. One poll
 * of a mailbox at a time across every process (the mailbox lock); a mailbox that cannot be reached
 * is recorded as failing (supervisors alerted once) and backs off.
 */
@Injectable()
export class PollMailboxUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly imap: ImapConnector,
    private readonly lock: MailboxLock,
    private readonly sync: MailboxSync,
    private readonly health: MailboxHealth,
  ) {}

  /** Throws MailboxConnectError (after recording it on the mailbox's state) when the server cannot be reached or refuses the login. */
  async execute(input: PollMailboxCommand): Promise<PollResult> {
    const command = validateCommand(PollMailboxCommand, input);
    const mb = configuredMailbox(this.config, command.mailbox);
    const result = emptyPollResult();
    const lease = await this.lock.acquire(mb.name, LOCK_TTL_MS);
    if (!lease) return { ...result, skipped: 'locked' };
    try {
      const state = await this.uow.read(MAILBOX_STATES).ensure(mb.name, mb.folder, this.clock.now());
      if (!command.force && this.health.inBackoff(mb, state)) return { ...result, skipped: 'backoff' };
      let session: ImapSession | null = null;
      try {
        session = await this.imap.connect(mb);
        await this.sync.sync(mb, state, session, result);
      } catch (e) {
        if (e instanceof MailboxConnectError) await this.health.recordFailure(mb, e);
        throw e;
      } finally {
        await session?.close().catch(() => undefined);
      }
      await this.health.recordSuccess(mb, result);
      return result;
    } finally {
      await lease.release().catch(() => undefined);
    }
  }
}
