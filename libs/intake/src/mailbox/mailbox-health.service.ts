import { createHash } from 'crypto';
import type { HubConfig, MailboxConfig } from '@hub/config';
import { MAILBOX_STATES, type MailboxStateEntity, type Transaction, type UnitOfWork } from '@hub/database';
import type { Clock } from '@hub/domain';
import { mailboxFailingAlert, mailboxRecoveredNotice, mailboxSilentAlert } from '@hub/notify';
import type { MailboxConnectError } from './imap-connector';

const FAILURES_BEFORE_ALERT = 3;
const MAX_BACKOFF_MS = 30 * 60_000;

/** What a poll took in, as far as health cares. */
export interface PollCounts {
  fetched: number;
  created: number;
  duplicates: number;
}

export interface MailboxHealthReport {
  mailbox: string;
  status: string;
  alerted: boolean;
}

/**
 * A mailbox's health on its state row: failures counted and backed off, supervisors alerted once
 * per episode (failing, then recovered; silent for longer than its setting).
 */
export class MailboxHealth {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: HubConfig,
    private readonly clock: Clock,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** A failing mailbox is tried every 1, 2, 4... poll intervals (scheduled polls fire every interval). */
  inBackoff(mb: MailboxConfig, state: MailboxStateEntity): boolean {
    if (state.status !== 'failing' || !state.lastPollAt || state.consecutiveFailures < 1) return false;
    const wait = Math.min(MAX_BACKOFF_MS, mb.pollIntervalSeconds * 1000 * 2 ** (state.consecutiveFailures - 1));
    return this.clock.now().getTime() < state.lastPollAt.getTime() + wait - 1000;
  }

  async recordFailure(mb: MailboxConfig, error: MailboxConnectError): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const states = tx.get(MAILBOX_STATES);
      const s = await states.find(mb.name);
      if (!s) throw new Error(`mailbox ${mb.name} has no state row`);
      const failures = s.consecutiveFailures + 1;
      const alertNow = s.alertKind !== 'failing' && (failures >= FAILURES_BEFORE_ALERT || ['auth', 'folder', 'tls'].includes(error.kind));
      await states.update(s.id, {
        status: 'failing',
        lastError: error.message.slice(0, 2000),
        consecutiveFailures: failures,
        lastPollAt: now,
        ...(alertNow ? { alertKind: 'failing', alertedAt: now } : {}),
      });
      if (!alertNow) return;
      await this.alert(
        tx,
        `mbx-failing-${mb.name}-${s.lastSuccessAt?.getTime() ?? 'never'}`,
        mailboxFailingAlert({
          mailbox: mb.name,
          user: mb.user,
          host: mb.host,
          port: mb.port,
          failures,
          error: error.message,
          lastSuccessAt: s.lastSuccessAt,
        }),
      );
    });
    this.log(error.message);
  }

  async recordSuccess(mb: MailboxConfig, result: PollCounts): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const states = tx.get(MAILBOX_STATES);
      const s = await states.find(mb.name);
      if (!s) throw new Error(`mailbox ${mb.name} has no state row`);
      const gotMail = result.fetched - result.duplicates > 0;
      const recovered = s.alertKind === 'failing';
      const stillSilent = s.status === 'silent' && !gotMail;
      await states.update(s.id, {
        status: stillSilent ? 'silent' : 'ok',
        lastError: null,
        consecutiveFailures: 0,
        lastPollAt: now,
        lastSuccessAt: now,
        ...(recovered || (s.alertKind === 'silent' && gotMail) ? { alertKind: null, alertedAt: null } : {}),
      });
      if (!recovered || !s.alertedAt) return;
      await this.alert(
        tx,
        `mbx-recovered-${mb.name}-${s.alertedAt.getTime()}`,
        mailboxRecoveredNotice({
          mailbox: mb.name,
          failingSince: s.alertedAt,
          fetched: result.fetched,
          created: result.created,
        }),
      );
    });
  }

  /**
   * The periodic health pass: a mailbox that has received nothing for its `silentAlertHours` is
   * marked silent and supervisors are told once.
   */
  async checkSilence(): Promise<MailboxHealthReport[]> {
    const now = this.clock.now();
    const out: MailboxHealthReport[] = [];
    for (const mb of this.config.mailboxes.mailboxes) {
      const state = await this.uow.read(MAILBOX_STATES).ensure(mb.name, mb.folder, now);
      if (!mb.silentAlertHours || state.status === 'failing' || !state.lastMailAt) {
        out.push({ mailbox: mb.name, status: state.status, alerted: false });
        continue;
      }
      const silentMs = now.getTime() - state.lastMailAt.getTime();
      if (silentMs < mb.silentAlertHours * 3600_000 || state.alertKind === 'silent') {
        out.push({ mailbox: mb.name, status: state.status, alerted: false });
        continue;
      }
      await this.uow.run(async (tx) => {
        await tx.get(MAILBOX_STATES).update(state.id, { status: 'silent', alertKind: 'silent', alertedAt: now });
        await this.alert(
          tx,
          `mbx-silent-${mb.name}-${state.lastMailAt?.getTime()}`,
          mailboxSilentAlert({
            mailbox: mb.name,
            user: mb.user,
            host: mb.host,
            since: state.lastMailAt,
            hours: Math.floor(silentMs / 3600_000),
            silentAlertHours: mb.silentAlertHours as number,
          }),
        );
      });
      this.log(`mailbox ${mb.name}: nothing received for ${mb.silentAlertHours} h or more — marked silent`);
      out.push({ mailbox: mb.name, status: 'silent', alerted: true });
    }
    return out;
  }

  /** To the supervisors in units.yaml, through the outbox (sent after the commit, once per dedupe key). */
  private async alert(tx: Transaction, dedupeKey: string, mail: { subject: string; text: string }): Promise<void> {
    const to = this.config.units.supervisors.map((s) => s.email);
    if (!to.length) {
      this.log(`no supervisors in units.yaml to alert: ${mail.subject}`);
      return;
    }
    const key = dedupeKey.length <= 150 ? dedupeKey : `${dedupeKey.slice(0, 100)}-${createHash('sha1').update(dedupeKey).digest('hex').slice(0, 20)}`;
    await tx.mail({ dedupeKey: key, kind: 'alert', to, subject: mail.subject, text: mail.text });
  }
}
