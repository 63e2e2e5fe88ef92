import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailboxConfig } from '@hub/config';
import {
  type FetchedMessage,
  type FolderStatus,
  type ImapConnector,
  type ImapSession,
  MailboxConnectError,
  type MailboxWatch,
  type MessageMeta,
  uidSet,
  type WatchHandlers,
} from './imap-connector';
import { describeSetting } from './mailbox-settings';

interface ImapErrorLike extends Error {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
}

const TLS_CODES = /^(?:ERR_SSL|ERR_TLS|EPROTO|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|CERT_|ERR_OSSL)/;

/** Turns whatever imapflow or the socket threw into one line naming the setting to check. */
export function describeImapError(mb: MailboxConfig, error: unknown, configDir: string | null, folder?: string): MailboxConnectError {
  if (error instanceof MailboxConnectError) return error;
  const e = (error ?? {}) as ImapErrorLike;
  const code = e.code ?? null;
  const where = `${mb.host}:${mb.port}`;
  const head = `mailbox ${mb.name}`;
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    const why = e.serverResponseCode ?? 'AUTHENTICATIONFAILED';
    return new MailboxConnectError(
      mb.name,
      'auth',
      `${head}: login failed (${why}) for user ${mb.user} — check the ${describeSetting(configDir, mb.name, 'password')} and user`,
      why,
    );
  }
  if (e.mailboxMissing || (folder && /NONEXISTENT|doesn't exist|does not exist|not exist/i.test(`${e.serverResponseCode ?? ''} ${e.responseText ?? ''}`))) {
    return new MailboxConnectError(
      mb.name,
      'folder',
      `${head}: folder "${folder ?? mb.folder}" does not exist on ${where} — check folder (or after: move:…) in mailboxes.yaml`,
      code,
    );
  }
  if (e.tlsFailed || (code && TLS_CODES.test(code)) || /wrong version number|certificate|handshake|SSL/i.test(e.message ?? '')) {
    return new MailboxConnectError(
      mb.name,
      'tls',
      `${head}: TLS with ${where} failed (${code ?? e.message}) — check secure and port in mailboxes.yaml (usually 993 with secure: true, 143 with secure: false)`,
      code,
    );
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MailboxConnectError(mb.name, 'connect', `${head}: host ${mb.host} not found (${code}) — check host in mailboxes.yaml`, code);
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
      return new MailboxConnectError(
        mb.name,
        'connect',
        `${head}: cannot connect to ${where} (${code}) — check host and port in mailboxes.yaml and that the IMAP server is up`,
        code,
      );
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'UPGRADE_TIMEOUT':
      return new MailboxConnectError(
        mb.name,
        'timeout',
        `${head}: ${where} did not answer in time (${code}) — check host, port and secure in mailboxes.yaml, and the firewall`,
        code,
      );
    case 'NoConnection':
    case 'EConnectionClosed':
      return new MailboxConnectError(
        mb.name,
        'connect',
        `${head}: the connection to ${where} was closed (${code}) — the server may be restarting; the next poll retries`,
        code,
      );
    default:
      return new MailboxConnectError(mb.name, 'protocol', `${head}: IMAP error from ${where}: ${e.responseText || e.message || String(error)}`, code);
  }
}

/** imapflow options for a configured mailbox (short timeouts: a hung server must not hold the poll). */
export function imapflowOptions(mb: MailboxConfig): ImapFlowOptions {
  return {
    host: mb.host,
    port: mb.port,
    secure: mb.secure,
    auth: { user: mb.user, pass: mb.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: true,
  };
}

class ImapflowSession implements ImapSession {
  constructor(
    private readonly client: ImapFlow,
    private readonly mb: MailboxConfig,
    private readonly configDir: string | null,
  ) {}

  private async wrap<T>(fn: () => Promise<T>, folder?: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw describeImapError(this.mb, e, this.configDir, folder);
    }
  }

  openFolder(folder: string): Promise<FolderStatus> {
    return this.wrap(async () => {
      const box = await this.client.mailboxOpen(folder);
      return { uidValidity: String(box.uidValidity), uidNext: Number(box.uidNext), exists: box.exists };
    }, folder);
  }

  listFrom(fromUid: number): Promise<MessageMeta[]> {
    return this.wrap(async () => {
      const mailbox = this.client.mailbox;
      if (mailbox && typeof mailbox === 'object' && (mailbox.exists === 0 || Number(mailbox.uidNext) <= fromUid)) return [];
      const list = await this.client.fetchAll(`${fromUid}:*`, { uid: true, size: true }, { uid: true });
      // `n:*` also returns the highest message when nothing is above n (IMAP ranges are unordered).
      return list
        .filter((m) => m.uid >= fromUid)
        .map((m) => ({ uid: m.uid, size: m.size ?? 0 }))
        .sort((a, b) => a.uid - b.uid);
    });
  }

  searchUpTo(toUid: number, opts: { unseenOnly: boolean }): Promise<number[]> {
    return this.wrap(async () => {
      if (toUid < 1) return [];
      const found = await this.client.search({ uid: `1:${toUid}`, ...(opts.unseenOnly ? { seen: false } : {}) }, { uid: true });
      return (found || []).filter((u) => u <= toUid);
    });
  }

  fetch(uids: number[]): Promise<FetchedMessage[]> {
    return this.wrap(async () => {
      if (!uids.length) return [];
      const wanted = new Set(uids);
      const list = await this.client.fetchAll(uidSet(uids), { uid: true, source: true }, { uid: true });
      return list
        .filter((m) => wanted.has(m.uid) && m.source)
        .map((m) => ({ uid: m.uid, source: m.source as Buffer }))
        .sort((a, b) => a.uid - b.uid);
    });
  }

  markSeen(uids: number[]): Promise<void> {
    return this.wrap(async () => {
      if (uids.length) await this.client.messageFlagsAdd(uidSet(uids), ['\\Seen'], { uid: true });
    });
  }

  move(uids: number[], folder: string): Promise<void> {
    return this.wrap(async () => {
      if (!uids.length) return;
      const list = await this.client.list();
      if (!list.some((m) => m.path === folder)) await this.client.mailboxCreate(folder).catch(() => undefined);
      await this.client.messageMove(uidSet(uids), folder, { uid: true });
    }, folder);
  }

  async close(): Promise<void> {
    await this.client.logout().catch(() => this.client.close());
  }
}

/** The real IMAP adapter (imapflow). */
export class ImapflowConnector implements ImapConnector {
  /** configDir: where mailboxes.yaml lives, so errors can name the environment variable to check. */
  constructor(private readonly configDir: string | null = null) {}

  async connect(mb: MailboxConfig): Promise<ImapSession> {
    const client = new ImapFlow(imapflowOptions(mb));
    client.on('error', () => undefined); // surfaced through the failing command instead
    try {
      await client.connect();
    } catch (e) {
      client.close();
      throw describeImapError(mb, e, this.configDir);
    }
    return new ImapflowSession(client, mb, this.configDir);
  }

  watch(mb: MailboxConfig, handlers: WatchHandlers): MailboxWatch {
    let stopped = false;
    let client: ImapFlow | null = null;
    let delay = 1000;
    let wake: (() => void) | null = null;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });

    const loop = async () => {
      while (!stopped) {
        const c = new ImapFlow({ ...imapflowOptions(mb), maxIdleTime: 4 * 60_000, socketTimeout: 30 * 60_000 });
        client = c;
        const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
        c.on('error', () => undefined);
        c.on('exists', (ev: { count: number; prevCount: number }) => {
          if (ev.count > ev.prevCount) handlers.onMail();
        });
        try {
          await c.connect();
          await c.mailboxOpen(mb.folder);
          delay = 1000;
          handlers.onReady?.();
          handlers.onMail(); // whatever arrived while we were not watching
          while (!stopped && c.usable) {
            const started = Date.now();
            await c.idle();
            if (Date.now() - started < 50) await new Promise((r) => setTimeout(r, 1000)); // never spin
          }
        } catch (e) {
          if (!stopped) handlers.onError?.(describeImapError(mb, e, this.configDir, mb.folder));
        }
        if (c.usable) await c.logout().catch(() => undefined);
        else c.close();
        await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
        if (stopped) break;
        await sleep(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    };
    const running = loop();
    return {
      async stop() {
        stopped = true;
        (wake as (() => void) | null)?.();
        const c = client as ImapFlow | null;
        if (c) {
          if (c.usable) await c.logout().catch(() => c.close());
          else c.close();
        }
        await running;
      },
    };
  }
}
