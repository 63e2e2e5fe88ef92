import { extname } from 'path';
import type { HubConfig, MailboxConfig } from '@hub/config';
import type { ArchivedRaw, StoredAttachment } from '../intake-draft';
import { headerMessageId, LetterParseError, normaliseMessageId, type ParsedLetter, parseLetter } from '../mail';
import { RawArchive } from '../raw-archive';

/** What a letter is, decided from its bytes alone (whether it answers a ticket is decided at its commit). */
export type LetterOutcome =
  | { kind: 'ticket'; letter: ParsedLetter }
  | { kind: 'ignored'; letter: ParsedLetter; reason: string; code: string }
  | { kind: 'quarantined'; reason: string; code: string };

/** A letter archived and parsed, ready to be recorded. */
export interface PreparedLetter {
  uid: number | null;
  messageId: string;
  raw: ArchivedRaw;
  attachments: StoredAttachment[];
  outcome: LetterOutcome;
}

/**
 * Keeps a letter's raw bytes before anything is decided about it, parses it, and keeps its
 * attachments. A letter that cannot be parsed is quarantined with the reason, never lost.
 */
export class LetterPreparer {
  private readonly archive: RawArchive;

  constructor(
    private readonly config: HubConfig,
    private readonly parse: typeof parseLetter = parseLetter,
  ) {
    this.archive = RawArchive.of(config);
  }

  /** The raw bytes of a letter recorded earlier (fetched from the shared bucket when this host lacks them). */
  rawPath(rel: string): Promise<string> {
    return this.archive.localFile(rel);
  }

  async prepare(mb: MailboxConfig, source: Buffer, uid: number | null, knownId?: string): Promise<PreparedLetter> {
    const parsing = this.parse(source, {
      maxAttachmentBytes: mb.maxAttachmentBytes,
      ticketPrefix: this.config.env.ticketPrefix,
      ownAddresses: this.ownAddresses(mb),
    }).then(
      (l) => ({ letter: l, error: null }),
      (e: unknown) => ({ letter: null, error: e }),
    );
    const raw = await this.archive.putBytesShared('mail', source, '.eml'); // recorded before anything is decided
    const { letter, error } = await parsing;
    const headerId = knownId ? null : headerMessageId(source);
    const fallbackId = knownId ?? (headerId ? normaliseMessageId(headerId) : null) ?? `<${raw.sha256.slice(0, 40)}@synthetic.hub>`;
    if (!letter) {
      const e = error as Error;
      const reason = e instanceof LetterParseError ? e.reason : `邮件解析时出错：${e?.message ?? String(e)}`;
      const code = e instanceof LetterParseError ? e.code : 'parser_failed';
      return { uid, messageId: fallbackId.slice(0, 500), raw, attachments: [], outcome: { kind: 'quarantined', reason, code } };
    }
    const messageId = (knownId ?? letter.messageId).slice(0, 500);
    if (letter.ignore) {
      return { uid, messageId, raw, attachments: [], outcome: { kind: 'ignored', letter, reason: letter.ignore.reason, code: letter.ignore.kind } };
    }
    const attachments: StoredAttachment[] = await Promise.all(
      letter.attachments.map(async (a) => {
        let path: string | null = null;
        if (a.content && !a.tooLarge) {
          const ext = extname(a.filename)
            .toLowerCase()
            .replace(/[^.a-z0-9]/g, '')
            .slice(0, 10);
          path = (await this.archive.putBytes('attachments', a.content, ext)).path;
        }
        return { filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, path, tooLarge: a.tooLarge };
      }),
    );
    return { uid, messageId, raw, attachments, outcome: { kind: 'ticket', letter } };
  }

  /** A letter set aside unparsed (its processing kept failing): its raw bytes archived, quarantined with the reason. */
  quarantine(source: Buffer, uid: number, reason: string, code: string): PreparedLetter {
    const raw = this.archive.putBytesSync('mail', source, '.eml');
    const headerId = headerMessageId(source);
    const messageId = (headerId ? normaliseMessageId(headerId) : null) ?? `<${raw.sha256.slice(0, 40)}@synthetic.hub>`;
    return { uid, messageId: messageId.slice(0, 500), raw, attachments: [], outcome: { kind: 'quarantined', reason, code } };
  }

  /** Our own addresses: a letter from one of them is not a citizen's. */
  private ownAddresses(mb: MailboxConfig): string[] {
    const from = /<([^>]+)>/.exec(this.config.env.mailFrom)?.[1] ?? this.config.env.mailFrom;
    return [mb.address, mb.user, from].filter((a): a is string => Boolean(a && a.includes('@')));
  }
}
