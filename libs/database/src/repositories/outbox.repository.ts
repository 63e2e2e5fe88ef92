import { EntityManager, In } from 'typeorm';
import { OutgoingMailEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { idStepOf } from './id-step';
import { repositoryToken } from '../unit-of-work/repository-token';

export const MAIL_KINDS = ['dispatch', 'reminder', 'answer', 'alert', 'digest', 'notice', 'receipt', 'survey'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface OutgoingMail {
  /** Same key, same mail: a second add with it adds nothing (idempotent handlers, retried jobs). */
  dedupeKey: string;
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  from?: string | null;
  inReplyTo?: string | null;
  references?: string[] | null;
  ticketId?: number | null;
}

/** The outbox of mails, as the code that writes them sees it (the sender's side: OUTBOX_DELIVERY). */
export interface OutboxRepository {
  /** The new row's id, or null when a mail with that dedupe key is already there. */
  add(mail: OutgoingMail): Promise<number | null>;
  /**
   * Many mails at once (a sweep's batch): each key not yet there is added, in as few statements
   * as the database allows; gives the id under every key, added now or already there.
   */
  ensureMany(mails: OutgoingMail[]): Promise<Map<string, number>>;
}

/** The outbox row of a new mail, pending now (keys and subjects cut to their columns). */
function mailRow(mail: OutgoingMail) {
  return {
    dedupeKey: mail.dedupeKey.slice(0, 150),
    kind: mail.kind,
    to: mail.to.join(', '),
    subject: mail.subject.slice(0, 500),
    text: mail.text,
    html: mail.html ?? null,
    fromAddress: mail.from ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references?.join(' ') ?? null,
    ticketId: mail.ticketId ?? null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(),
  };
}

export class TypeOrmOutboxRepository implements OutboxRepository {
  constructor(private readonly m: EntityManager) {}

  async add(mail: OutgoingMail): Promise<number | null> {
    const repo = this.m.getRepository(OutgoingMailEntity);
    const existing = await repo.findOne({ where: { dedupeKey: mail.dedupeKey }, select: ['id'] });
    if (existing) return null;
    const result = await repo.insert(<never>mailRow(mail));
    return Number(result.identifiers[0]?.id ?? result.raw?.insertId);
  }

  async ensureMany(mails: OutgoingMail[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (!mails.length) return ids;
    const rows = await insertRows(this.m, 'outgoing_mail', mails.map(mailRow), { ignore: true, idStep: await idStepOf(this.m) });
    // Every row inserted with consecutive ids: known without reading them back.
    if (rows && rows.length === mails.length) {
      mails.forEach((mail, i) => ids.set(mail.dedupeKey, rows[i]));
      return ids;
    }
    for (let i = 0; i < mails.length; i += 1000) {
      const found = await this.m.getRepository(OutgoingMailEntity).find({
        where: { dedupeKey: In(mails.slice(i, i + 1000).map((mail) => mail.dedupeKey)) },
        select: ['id', 'dedupeKey'],
      });
      for (const f of found) ids.set(f.dedupeKey, f.id);
    }
    return ids;
  }
}

export const OUTBOX = repositoryToken<OutboxRepository>('outbox', (m) => new TypeOrmOutboxRepository(m));
