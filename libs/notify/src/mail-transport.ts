import { createHash } from 'crypto';
import { mkdir, writeFile } from 'fs/promises';
import { join } from 'path';
import nodemailer, { Transporter } from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string | null;
  headers: Record<string, string>;
}

/** SMTP as a port: nodemailer in production, a folder when no SMTP_URL is set. */
export interface MailTransport {
  send(m: MailMessage): Promise<void>;
  close(): void;
}
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export class SmtpTransport implements MailTransport {
  private readonly t: Transporter;
  constructor(url: string) {
    // A send that hangs must end well within the sender's claim on the row (SEND_LEASE_MS), or
    // another sender could take the mail while this one may still deliver it.
    const extra = [
      ['pool', 'true'],
      ['socketTimeout', String(SEND_LEASE_MS / 3)],
    ].filter(([k]) => !url.includes(`${k}=`));
    this.t = nodemailer.createTransport(extra.length ? `${url}${url.includes('?') ? '&' : '?'}${extra.map(([k, v]) => `${k}=${v}`).join('&')}` : url);
  }
  async send(m: MailMessage): Promise<void> {
    await this.t.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? undefined,
      messageId: m.messageId,
      inReplyTo: m.inReplyTo ?? undefined,
      references: m.references ?? undefined,
      headers: m.headers,
    });
  }
  close(): void {
    this.t.close();
  }
}

/** Without SMTP_URL: each mail is written as a file (and logged), so nothing is silently lost. */
export class FolderTransport implements MailTransport {
  constructor(
    private readonly dir: string,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}
  async send(m: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = m.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
    const head = [
      `From: ${m.from}`,
      `To: ${m.to}`,
      `Subject: ${m.subject}`,
      `Message-ID: ${m.messageId}`,
      ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
      ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`),
    ];
    await writeFile(join(this.dir, `${name}.txt`), `${head.join('\n')}\n\n${m.text}\n`, 'utf8');
    this.log(`mail to ${m.to}: ${m.subject} (no SMTP_URL: written to ${this.dir})`);
  }
  close(): void {}
}

export const MAX_MAIL_ATTEMPTS = 8;

/** A stable Message-ID per outbox row: a retried send carries the same id, so receivers can drop a double. */
export function outboxMessageId(row: { id: number; dedupeKey: string }, domain = 'hub.local'): string {
  const h = createHash('sha1').update(row.dedupeKey).digest('hex').slice(0, 12);
  return `<outbox-${row.id}-${h}@${domain}>`;
}

/**
 * How long a sender holds a mail it has claimed. Two senders can hold the same send job (Redis
 * flushed or restarted under a running send, and the outbox sweep queued it again for another
 * worker): only the one that claims the row sends. A sender killed mid-send leaves its claim to
 * run out; the outbox sweep then queues the mail again. Longer than an SMTP exchange can take.
 */
export const SEND_LEASE_MS = 5 * 60_000;
