import type { MailboxConfig } from '@hub/config';
import { type FolderStatus, type ImapConnector, type ImapSession, MailboxConnectError, type MailboxWatch } from '../mailbox/imap-connector';

interface FakeMessage {
  uid: number;
  source: Buffer;
  seen: boolean;
}

/** An IMAP server in memory, one folder per mailbox, for specs of the mailbox use cases. */
export class FakeImap implements ImapConnector {
  readonly folders = new Map<string, FakeMessage[]>();
  uidValidity = '1';
  /** Set to make every login fail with this error. */
  failure: MailboxConnectError | null = null;

  append(mailbox: string, source: string | Buffer): number {
    const folder = this.folders.get(mailbox) ?? [];
    this.folders.set(mailbox, folder);
    const uid = (folder.at(-1)?.uid ?? 0) + 1;
    folder.push({ uid, source: Buffer.from(source), seen: false });
    return uid;
  }

  seen(mailbox: string): boolean[] {
    return (this.folders.get(mailbox) ?? []).map((m) => m.seen);
  }

  async connect(mb: MailboxConfig): Promise<ImapSession> {
    if (this.failure) throw this.failure;
    const folder = () => this.folders.get(mb.name) ?? [];
    return {
      openFolder: async (): Promise<FolderStatus> => ({ uidValidity: this.uidValidity, uidNext: (folder().at(-1)?.uid ?? 0) + 1, exists: folder().length }),
      listFrom: async (fromUid) =>
        folder()
          .filter((m) => m.uid >= fromUid)
          .map((m) => ({ uid: m.uid, size: m.source.length })),
      searchUpTo: async (toUid, o) =>
        folder()
          .filter((m) => m.uid <= toUid && (!o.unseenOnly || !m.seen))
          .map((m) => m.uid),
      fetch: async (uids) =>
        folder()
          .filter((m) => uids.includes(m.uid))
          .map((m) => ({ uid: m.uid, source: m.source })),
      markSeen: async (uids) => folder().forEach((m) => uids.includes(m.uid) && (m.seen = true)),
      move: async (uids) =>
        void this.folders.set(
          mb.name,
          folder().filter((m) => !uids.includes(m.uid)),
        ),
      close: async () => undefined,
    };
  }

  watch(): MailboxWatch {
    return { stop: async () => undefined };
  }
}

/** A plain UTF-8 letter with its own Message-ID. */
export function plainLetter(o: { id: string; subject: string; body: string; from?: string; name?: string; inReplyTo?: string }): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    `From: =?utf-8?B?${b64(o.name ?? '王五')}?= <${o.from ?? 'wangwu@example.cn'}>`,
    'To: mayor@hub.example',
    `Subject: =?utf-8?B?${b64(o.subject)}?=`,
    'Date: Tue, 18 Mar 2025 09:00:00 +0800',
    `Message-ID: <${o.id}>`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(o.body),
    '',
  ].join('\r\n');
}

export { MailboxConnectError };
