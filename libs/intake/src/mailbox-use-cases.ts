import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { type Clock, systemClock } from '@hub/domain';
import type { ImapConnector } from './mailbox/imap-connector';
import { sharedLetterParser } from './mail/letter-parser-pool';
import { ImapflowConnector } from './mailbox/imapflow-connector';
import { LetterPreparer } from './mailbox/letter-preparer';
import { LetterRecorder } from './mailbox/letter-recorder';
import { LetterStrikes } from './mailbox/letter-strikes';
import { MailboxHealth } from './mailbox/mailbox-health.service';
import { DatabaseMailboxLock } from './mailbox/mailbox-lock';
import { MailboxSync, type MailboxSyncOptions } from './mailbox/mailbox-sync.service';
import { CheckMailboxHealthUseCase } from './usecases/check-mailbox-health/check-mailbox-health.usecase';
import { PollMailboxUseCase } from './usecases/poll-mailbox/poll-mailbox.usecase';
import { RecordIntakeUseCase } from './usecases/record-intake/record-intake.usecase';
import { ReparseLetterUseCase } from './usecases/reparse-letter/reparse-letter.usecase';

export { configuredMailbox } from './mailbox/configured-mailboxes';
export { emptyPollResult, type PollResult } from './mailbox/letter-recorder';
export { mailboxStatus } from './mailbox/mailbox-status.query';
export type { MailboxSyncOptions } from './mailbox/mailbox-sync.service';

export interface MailboxWiring {
  clock?: Clock;
  /** Default: imapflow. */
  imap?: ImapConnector;
  mailbox?: MailboxSyncOptions;
}

export type MailboxUseCases = ReturnType<typeof mailboxUseCases>;

/**
 * The mailbox use cases alone (poll, health check, re-parse) over one unit of work, wired once.
 * Imported file by file, not through the intake index: `hub mailbox poll`, started by cron, loads
 * them without the export readers, web intake and upstream pulls. intakeUseCases builds on these.
 */
export function mailboxUseCases(uow: UnitOfWork, config: HubConfig, wiring: MailboxWiring = {}) {
  const clock = wiring.clock ?? systemClock;
  const opts = wiring.mailbox ?? {};
  const cityPrefixes = new Map((config.cities?.cities ?? []).map((c) => [c.name, c.prefix]));
  const recordIntake = new RecordIntakeUseCase(uow, { ticketPrefix: config.env.ticketPrefix, publicUrl: config.env.publicUrl, clock, cityPrefixes });
  // Letters are parsed on worker threads beside the poll (in-thread where the code runs as TypeScript).
  const preparer = new LetterPreparer(config, opts.parse ?? sharedLetterParser().parse);
  const recorder = new LetterRecorder(uow, config, clock, recordIntake, opts);
  const health = new MailboxHealth(uow, config, clock, opts.log);
  const sync = new MailboxSync(uow, preparer, recorder, { ...opts, strikes: opts.strikes ?? new LetterStrikes(config.env.dataDir) });
  const imap = wiring.imap ?? new ImapflowConnector(config.env.configDir);
  const lock = opts.lock ?? new DatabaseMailboxLock(uow, config.env.dataDir);
  return {
    recordIntake,
    pollMailbox: new PollMailboxUseCase(uow, config, clock, imap, lock, sync, health),
    checkMailboxHealth: new CheckMailboxHealthUseCase(health),
    reparseLetter: new ReparseLetterUseCase(uow, config, preparer, recorder, recordIntake),
  };
}
