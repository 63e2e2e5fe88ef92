import { createHash } from 'crypto';
import { mkdir, writeFile } from 'fs/promises';
import { join } from 'path';
import nodemailer, { Transporter } from 'nodemailer';
import { Brackets, DataSource, In, LessThanOrEqual } from 'typeorm';
import { OutgoingMailEntity, ReminderEntity } from '@hub/database';
import { HUB_MARKER_HEADER } from '@hub/domain';


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
    const extra = [['pool', 'true'], ['socketTimeout', String(SEND_LEASE_MS / 3)]].filter(([k]) => !url.includes(`${k}=`));
    this.t = nodemailer.createTransport(extra.length ? `${url}${url.includes('?') ? '&' : '?'}${extra.map(([k, v]) => `${k}=${v}`).join('&')}` : url);
  }
  async send(m: MailMessage): Promise<void> {
    await this.t.sendMail({
      from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html ?? undefined, messageId: m.messageId,
      inReplyTo: m.inReplyTo ?? undefined, references: m.references ?? undefined, headers: m.headers,
    });
  }
  close(): void {
    this.t.close();
  }
}

/** Without SMTP_URL: each mail is written as a file (and logged), so nothing is silently lost. */
export class FolderTransport implements MailTransport {
  constructor(private readonly dir: string, private readonly log: (msg: string) => void = () => undefined) {}
  async send(m: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = m.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
    const head = [`From: ${m.from}`, `To: ${m.to}`, `Subject: ${m.subject}`, `Message-ID: ${m.messageId}`,
      ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []), ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`)];
    await writeFile(join(this.dir, `${name}.txt`), `${head.join('\n')}\n\n${m.text}\n`, 'utf8');
    this.log(`mail to ${m.to}: ${m.subject} (no SMTP_URL: written to ${this.dir})`);
  }
  close(): void {}
}

export const MAX_MAIL_ATTEMPTS = 8;

/** A stable Message-ID per outbox row: a retried send carries the same id, so receivers can drop a double. */
export function outboxMessageId(row: Pick<OutgoingMailEntity, 'id' | 'dedupeKey'>, domain = 'hub.local'): string {
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

export interface SendOptions {
  /** How long to keep trying to record a mail as sent while the database does not answer (default half the lease). */
  recordSentForMs?: number;
}

/**
 * Sends one outbox mail. Idempotent: a row already sent, or being sent by another sender, is not
 * sent again. A failure is recorded on the row (attempts, last error) and rethrown for the queue's
 * back-off; after the last attempt the row is marked failed and stays visible to administrators.
 * Once the SMTP server has the mail, recording it as sent is retried while the database is away
 * (MariaDB restarted): a retried job would otherwise send it a second time.
 */
export async function sendOutboxMail(
  ds: DataSource, transport: MailTransport, outboxId: number, defaultFrom: string,
  ticketPrefixOf?: (ticketId: number) => Promise<string | null>, opts: SendOptions = {},
): Promise<'sent' | 'already-sent' | 'in-progress' | 'missing'> {
  const repo = ds.getRepository(OutgoingMailEntity);
  const row = await repo.findOneBy({ id: outboxId });
  if (!row) return 'missing';
  if (row.status === 'sent') return 'already-sent';
  const messageId = row.messageId ?? outboxMessageId(row);
  if (!(await claim(ds, row.id))) return 'in-progress';
  const headers: Record<string, string> = { 'Auto-Submitted': row.kind === 'answer' ? 'auto-replied' : 'auto-generated' };
  try {
    if (row.ticketId) headers[HUB_MARKER_HEADER] = (await ticketPrefixOf?.(row.ticketId)) ?? String(row.ticketId);
    await transport.send({
      from: row.fromAddress || defaultFrom, to: row.to, subject: row.subject, text: row.text, html: row.html, messageId,
      inReplyTo: row.inReplyTo, references: row.references, headers,
    });
  } catch (e) {
    const attempts = row.attempts + 1;
    await repo.update(row.id, {
      attempts, lastError: (e as Error).message.slice(0, 1000), messageId,
      status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
      nextAttemptAt: new Date(Date.now() + Math.min(3600_000, 5000 * 2 ** attempts)),
    });
    if (attempts >= MAX_MAIL_ATTEMPTS) await markReminder(ds, row, { status: 'failed', error: (e as Error).message.slice(0, 500) });
    throw e;
  }
  const sentAt = new Date();
  await retryWhileDatabaseAway(opts.recordSentForMs ?? SEND_LEASE_MS / 2, async () => {
    await repo.update(row.id, { status: 'sent', sentAt, attempts: row.attempts + 1, messageId, lastError: null });
    await markReminder(ds, row, { status: 'sent', sentAt });
  });
  return 'sent';
}

/** Takes the row for this sender: pending, or claimed by a sender whose lease ran out. */
async function claim(ds: DataSource, id: number): Promise<boolean> {
  const now = new Date();
  const r = await ds.createQueryBuilder().update(OutgoingMailEntity)
    .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS) })
    .where('id = :id', { id })
    .andWhere(new Brackets((w) => w.where('status = :pending', { pending: 'pending' })
      .orWhere('(status = :sending AND nextAttemptAt <= :now)', { sending: 'sending', now })))
    .execute();
  return (r.affected ?? 0) > 0;
}

async function retryWhileDatabaseAway(budgetMs: number, fn: () => Promise<void>): Promise<void> {
  const until = Date.now() + budgetMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 15_000)) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A reminder's or digest's row (found by its unique key, which the outbox key carries) follows its mail. */
async function markReminder(ds: DataSource, row: OutgoingMailEntity, changes: Partial<ReminderEntity>): Promise<void> {
  const key = row.kind === 'reminder' && row.dedupeKey.startsWith('reminder-') ? row.dedupeKey.slice('reminder-'.length)
    : row.kind === 'digest' ? row.dedupeKey : null;
  if (key) await ds.getRepository(ReminderEntity).update({ key }, changes);
}

/** Outbox rows still pending whose next attempt is due, or whose sender died mid-send: the reconciliation pass re-queues them. */
export async function pendingOutbox(ds: DataSource, now: Date, limit = 500): Promise<number[]> {
  const rows = await ds.getRepository(OutgoingMailEntity).find({
    where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(now) }, select: ['id'], take: limit, order: { id: 'ASC' },
  });
  return rows.map((r) => r.id);
}
