import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { type HubConfig, loadConfig, MailboxConfig } from '@hub/config';
import type { Clock } from '@hub/domain';

/** The shipped configuration with a fresh data folder (raw archive) and the given mailboxes. */
export function specConfig(mailboxes: Array<Partial<MailboxConfig>> = []): HubConfig {
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-intake-spec-')) });
  config.mailboxes.mailboxes = mailboxes.map((m) => Object.assign(new MailboxConfig(), { host: 'imap.example', user: 'mayor', password: 'x', ...m }));
  return config;
}

/** A clock the spec moves by hand. */
export function handClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => new Date(now.getTime()), set: (iso: string) => void (now = new Date(iso)) };
}
