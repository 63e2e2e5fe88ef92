import type { MailboxConfig } from '@hub/config';
import type { ImapConnector, MailboxConnectError, MailboxWatch } from './imap-connector';

/**
 * IMAP IDLE for the mailboxes with `idle: true`: one long-lived connection each, and a poll as
 * soon as mail arrives. The poll is triggered twice, at once and shortly after the last arrival,
 * because a trigger that lands while a poll is already running is swallowed (job-id dedupe,
 * mailbox lock) and the mail that came with it would otherwise wait for the next scheduled poll.
 */
export class MailboxIdleWatchers {
  private readonly watches = new Map<string, MailboxWatch>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly imap: ImapConnector,
    private readonly trigger: (mailbox: string) => unknown,
    private readonly opts: { trailingMs?: number; log?: (message: string) => void } = {},
  ) {}

  start(mailboxes: MailboxConfig[]): string[] {
    for (const mb of mailboxes) {
      if (!mb.idle || this.watches.has(mb.name)) continue;
      this.watches.set(
        mb.name,
        this.imap.watch(mb, {
          onMail: () => this.fire(mb.name),
          onError: (e: MailboxConnectError) => this.opts.log?.(`IDLE ${e.message} (reconnecting)`),
        }),
      );
    }
    return [...this.watches.keys()];
  }

  private fire(name: string): void {
    this.run(name);
    const previous = this.trailing.get(name);
    if (previous) clearTimeout(previous);
    const t = setTimeout(() => {
      this.trailing.delete(name);
      this.run(name);
    }, this.opts.trailingMs ?? 1500);
    t.unref();
    this.trailing.set(name, t);
  }

  private run(name: string): void {
    Promise.resolve()
      .then(() => this.trigger(name))
      .catch((e: Error) => this.opts.log?.(`mailbox ${name}: could not trigger a poll (${e.message})`));
  }

  async stop(): Promise<void> {
    for (const t of this.trailing.values()) clearTimeout(t);
    this.trailing.clear();
    await Promise.all([...this.watches.values()].map((w) => w.stop().catch(() => undefined)));
    this.watches.clear();
  }
}

/**
 * For an in-process listener: runs `fn` now, or once more right after the run in progress when
 * called during one, so no trigger is lost and runs never overlap.
 */
export function coalesce(fn: () => Promise<unknown>, onError?: (e: Error) => void): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    try {
      do {
        again = false;
        await fn().catch((e: Error) => onError?.(e));
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
