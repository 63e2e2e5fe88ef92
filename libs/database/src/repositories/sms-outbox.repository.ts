import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { OutgoingSmsEntity, SmsSegmentEntity } from '../entities';
import { insertRows, isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { claimLease } from './lease';

export const SMS_KINDS = ['receipt', 'survey', 'reminder', 'alert', 'notice'] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/** What a delivery receipt can say about one SMS (SMPP message_state, cloud gateways' report codes). */
export const SMS_DELIVERY_STATES = ['delivered', 'undeliverable', 'expired', 'rejected', 'deleted', 'unknown'] as const;
export type SmsDeliveryState = (typeof SMS_DELIVERY_STATES)[number];

export interface NewSms {
  /** Same key, same SMS: a second add with it adds nothing (idempotent handlers, retried jobs). */
  dedupeKey: string;
  kind: SmsKind;
  /** Normalised digits (normalizePhone). */
  phone: string;
  text: string;
  ticketId?: number | null;
  /** Sent in quiet hours too. */
  urgent?: boolean;
  /** Sent to a phone that replied 退订 too. */
  essential?: boolean;
  /** Not before this instant (quiet hours): the sender leaves it until then. */
  notBefore?: Date | null;
}

export type OutgoingSms = Omit<OutgoingSmsEntity, 'createdAt'> & { createdAt?: Date };

/** The SMS outbox: rows written in the caller's transaction, claimed with a lease by one sender, updated by receipts. */
export interface SmsOutboxRepository {
  /** The new row's id, or null when an SMS with that dedupe key is already there. */
  add(sms: NewSms): Promise<number | null>;
  /** Many at once (a reminder sweep's batch), one multi-row INSERT: the ids of the new ones, keys already there skipped. */
  addMany(list: NewSms[]): Promise<Array<{ id: number; dedupeKey: string }>>;
  find(id: number): Promise<OutgoingSms | null>;
  /** Takes the row for this sender: pending and due, or claimed by a sender whose lease ran out. */
  claim(id: number, now: Date, leaseMs: number): Promise<boolean>;
  /** Back to pending until `until` (quiet hours began while it waited), attempts unchanged. */
  release(id: number, until: Date): Promise<void>;
  /** The gateway took it: its message ids (one per segment) are kept for the receipts. */
  recordSent(id: number, sent: { at: Date; attempts: number; providerIds: string[] }): Promise<void>;
  recordFailure(id: number, f: { attempts: number; error: string; final: boolean; retryAt: Date }): Promise<void>;
  /** Not sent: the phone replied 退订 and the SMS is not essential. */
  suppress(id: number, reason: string): Promise<void>;
  /** Rows whose send is due (or whose sender died mid-send): the sweep queues them again. */
  listDue(now: Date, limit: number): Promise<number[]>;
  /** Applies one segment's receipt; null when no sent segment has that id (yet). */
  recordReceipt(r: { providerMessageId: string; state: SmsDeliveryState; at: Date }): Promise<{ smsId: number; deliveryStatus: string | null } | null>;
}

export class TypeOrmSmsOutboxRepository implements SmsOutboxRepository {
  constructor(private readonly m: EntityManager) {}
  private get repo() {
    return this.m.getRepository(OutgoingSmsEntity);
  }

  async add(sms: NewSms): Promise<number | null> {
    const key = sms.dedupeKey.slice(0, 150);
    if (await this.repo.findOne({ where: { dedupeKey: key }, select: ['id'] })) return null;
    const result = await this.repo.insert(<never>{
      dedupeKey: key,
      kind: sms.kind,
      phone: sms.phone.slice(0, 24),
      text: sms.text,
      ticketId: sms.ticketId ?? null,
      urgent: sms.urgent ?? false,
      essential: sms.essential ?? false,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: sms.notBefore ?? new Date(),
      segments: 0,
      segmentsDelivered: 0,
    });
    return Number(result.identifiers[0]?.id ?? result.raw?.insertId);
  }

  async addMany(list: NewSms[]): Promise<Array<{ id: number; dedupeKey: string }>> {
    if (!list.length) return [];
    const keys = list.map((x) => x.dedupeKey.slice(0, 150));
    const before = new Set((await this.repo.find({ where: { dedupeKey: In(keys) }, select: ['dedupeKey'] })).map((r) => r.dedupeKey));
    const now = new Date();
    await insertRows(
      this.m,
      'outgoing_sms',
      list
        .filter((x) => !before.has(x.dedupeKey.slice(0, 150)))
        .map((x) => ({
          dedupeKey: x.dedupeKey.slice(0, 150),
          kind: x.kind,
          phone: x.phone.slice(0, 24),
          text: x.text,
          ticketId: x.ticketId ?? null,
          urgent: x.urgent ?? false,
          essential: x.essential ?? false,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: x.notBefore ?? now,
          segments: 0,
          segmentsDelivered: 0,
        })),
      { ignore: true },
    );
    const fresh = keys.filter((k) => !before.has(k));
    return fresh.length ? this.repo.find({ where: { dedupeKey: In(fresh) }, select: ['id', 'dedupeKey'], order: { id: 'ASC' } }) : [];
  }

  find(id: number): Promise<OutgoingSms | null> {
    return this.repo.findOneBy({ id });
  }

  claim(id: number, now: Date, leaseMs: number): Promise<boolean> {
    return claimLease(this.m, OutgoingSmsEntity, id, now, leaseMs);
  }

  async release(id: number, until: Date): Promise<void> {
    await this.repo.update({ id, status: 'sending' }, { status: 'pending', nextAttemptAt: until });
  }

  async recordSent(id: number, sent: { at: Date; attempts: number; providerIds: string[] }): Promise<void> {
    await this.repo.update(id, {
      status: 'sent',
      sentAt: sent.at,
      attempts: sent.attempts,
      lastError: null,
      segments: sent.providerIds.length,
      nextAttemptAt: null,
    });
    if (sent.providerIds.length) {
      await this.m.getRepository(SmsSegmentEntity).insert(
        sent.providerIds.map(
          (p, i) =>
            <never>{
              smsId: id,
              seq: i + 1,
              providerMessageId: p.slice(0, 100),
              status: null,
              doneAt: null,
            },
        ),
      );
    }
  }

  async recordFailure(id: number, f: { attempts: number; error: string; final: boolean; retryAt: Date }): Promise<void> {
    await this.repo.update(id, { attempts: f.attempts, lastError: f.error.slice(0, 1000), status: f.final ? 'failed' : 'pending', nextAttemptAt: f.retryAt });
  }

  async suppress(id: number, reason: string): Promise<void> {
    await this.repo.update(id, { status: 'suppressed', lastError: reason.slice(0, 1000), nextAttemptAt: null });
  }

  async listDue(now: Date, limit: number): Promise<number[]> {
    const rows = await this.repo.find({
      where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(now) },
      select: ['id'],
      take: limit,
      order: { id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  async recordReceipt(r: { providerMessageId: string; state: SmsDeliveryState; at: Date }): Promise<{ smsId: number; deliveryStatus: string | null } | null> {
    const segments = this.m.getRepository(SmsSegmentEntity);
    const segment = await segments.findOneBy({ providerMessageId: r.providerMessageId.slice(0, 100) });
    if (!segment) return null;
    // Receipts of an SMS's segments can come at once to two workers: the row lock orders them, and the
    // locking read of the segments sees the other's committed receipt (a plain read would see this transaction's snapshot).
    const lock = isMysqlFamily(this.m) ? { mode: 'pessimistic_write' as const } : undefined;
    const sms = await this.repo.findOne({ where: { id: segment.smsId }, lock });
    if (!sms) return null;
    await segments.update(segment.id, { status: r.state, doneAt: r.at });
    const all = await segments.find({ where: { smsId: sms.id }, select: ['id', 'status', 'doneAt'], lock });
    const delivered = all.filter((s) => s.status === 'delivered');
    const failed = all.find((s) => s.status && s.status !== 'delivered');
    const complete = delivered.length === all.length;
    const deliveryStatus = failed?.status ?? (complete ? 'delivered' : null);
    const deliveredAt = complete ? new Date(Math.max(...delivered.map((s) => s.doneAt?.getTime() ?? r.at.getTime()))) : null;
    await this.repo.update(sms.id, { segmentsDelivered: delivered.length, deliveryStatus, deliveredAt });
    return { smsId: sms.id, deliveryStatus };
  }
}

export const SMS_OUTBOX = repositoryToken<SmsOutboxRepository>('sms-outbox', (m) => new TypeOrmSmsOutboxRepository(m));
