import { Brackets, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { OutgoingMailEntity, TicketEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** An outbox row as the sender reads it. */
export type OutboxMailRow = Pick<
  OutgoingMailEntity,
  | 'id'
  | 'dedupeKey'
  | 'kind'
  | 'to'
  | 'fromAddress'
  | 'subject'
  | 'text'
  | 'html'
  | 'inReplyTo'
  | 'references'
  | 'ticketId'
  | 'status'
  | 'attempts'
  | 'messageId'
>;

/** A failed attempt: when to try again, or `failed` after the last one. */
export interface DeliveryAttempt {
  attempts: number;
  lastError: string;
  messageId: string;
  status: 'pending' | 'failed';
  nextAttemptAt: Date;
}

/**
 * The sender's side of the outbox: take a row for one sender (a lease, so two senders holding the
 * same job never both send), record what happened, and list what a lost job left pending.
 */
export interface OutboxDeliveryRepository {
  find(id: number): Promise<OutboxMailRow | null>;
  /** Takes the row until `leaseUntil`: if pending, or claimed by a sender whose lease ran out by `now`. */
  claim(id: number, now: Date, leaseUntil: Date): Promise<boolean>;
  recordFailure(id: number, attempt: DeliveryAttempt): Promise<void>;
  recordSent(id: number, sent: { sentAt: Date; attempts: number; messageId: string }): Promise<void>;
  /** Pending rows whose next attempt is due, or whose sender died mid-send, oldest first. */
  listDue(now: Date, limit: number): Promise<number[]>;
  /** When the mail's ticket was received (its number is in the hub's marker header). */
  ticketReceivedAt(ticketId: number): Promise<Date | null>;
  /** The prefix of the ticket's number when it is a city's (its mail then goes from the city's sender); null: the installation's. */
  ticketNumberPrefix(ticketId: number): Promise<string | null>;
}

export class TypeOrmOutboxDeliveryRepository implements OutboxDeliveryRepository {
  constructor(private readonly m: EntityManager) {}

  find(id: number): Promise<OutboxMailRow | null> {
    return this.m.getRepository(OutgoingMailEntity).findOneBy({ id });
  }

  async claim(id: number, now: Date, leaseUntil: Date): Promise<boolean> {
    const r = await this.m
      .createQueryBuilder()
      .update(OutgoingMailEntity)
      .set({ status: 'sending', nextAttemptAt: leaseUntil })
      .where('id = :id', { id })
      .andWhere(
        new Brackets((w) =>
          w.where('status = :pending', { pending: 'pending' }).orWhere('(status = :sending AND nextAttemptAt <= :now)', { sending: 'sending', now }),
        ),
      )
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async recordFailure(id: number, attempt: DeliveryAttempt): Promise<void> {
    await this.m.getRepository(OutgoingMailEntity).update(id, attempt);
  }

  async recordSent(id: number, sent: { sentAt: Date; attempts: number; messageId: string }): Promise<void> {
    await this.m.getRepository(OutgoingMailEntity).update(id, { status: 'sent', ...sent, lastError: null });
  }

  async listDue(now: Date, limit: number): Promise<number[]> {
    const rows = await this.m.getRepository(OutgoingMailEntity).find({
      where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(now) },
      select: ['id'],
      take: limit,
      order: { id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  async ticketReceivedAt(ticketId: number): Promise<Date | null> {
    const t = await this.m.getRepository(TicketEntity).findOne({ where: { id: ticketId }, select: ['id', 'receivedAt'] });
    return t?.receivedAt ?? null;
  }

  async ticketNumberPrefix(ticketId: number): Promise<string | null> {
    const t = await this.m.getRepository(TicketEntity).findOne({ where: { id: ticketId }, select: ['id', 'numberPrefix'] });
    return t?.numberPrefix ?? null;
  }
}

export const OUTBOX_DELIVERY = repositoryToken<OutboxDeliveryRepository>('outbox-delivery', (m) => new TypeOrmOutboxDeliveryRepository(m));
