import { type EntityManager, In } from 'typeorm';
import { IntakeItemEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { idStepOf } from './id-step';

export type IntakeItemKind = 'mail' | 'http';
export type IntakeItemStatus = 'ticketed' | 'threaded' | 'ignored' | 'quarantined';

/** An item as recorded: where its raw bytes are and what became of it. */
export interface NewIntakeItem {
  kind: IntakeItemKind;
  sourceName: string;
  mailbox: string | null;
  folder: string | null;
  uidValidity: string | null;
  uid: number | null;
  messageId: string | null;
  rawPath: string;
  sha256: string;
  size: number;
  status: IntakeItemStatus;
  reason: string | null;
  ticketId: number | null;
  attempts: number;
  summary: Record<string, unknown> | null;
}

/** A letter already recorded in a mailbox, by Message-ID or by UID within a UIDVALIDITY. */
export interface RecordedLetter {
  messageId: string | null;
  uid: number | null;
  uidValidity: string | null;
}

export type IntakeItemOutcome = Pick<NewIntakeItem, 'status' | 'reason' | 'ticketId' | 'attempts' | 'summary'>;

/** Everything that came in, recorded raw before parsing (intake_items). */
export interface IntakeItemRepository {
  /** Letters of `mailbox` recorded before, by Message-ID or (within `uidValidity`) by UID: one query. */
  findLetters(mailbox: string, messageIds: string[], uidValidity: string | null, uids: number[]): Promise<RecordedLetter[]>;
  /** The new rows' ids in order, or null when the database does not tell them (see insertRows). */
  addMany(items: NewIntakeItem[]): Promise<number[] | null>;
  /** Ids of letters of `mailbox` by Message-ID. */
  idsOfLetters(mailbox: string, messageIds: string[]): Promise<Map<string, number>>;
  /** Takes an item for a re-run: one more attempt, only if it is still `status` (a second re-run at the same time gets false). */
  claimForRerun(id: number, status: string): Promise<boolean>;
  setOutcome(id: number, outcome: IntakeItemOutcome): Promise<void>;
  findById(id: number): Promise<IntakeItemEntity | null>;
  /** Letters waiting in quarantine, oldest first. */
  listQuarantinedLetters(limit: number): Promise<Array<Pick<IntakeItemEntity, 'id' | 'mailbox' | 'messageId' | 'reason' | 'createdAt'>>>;
}

export class TypeOrmIntakeItemRepository implements IntakeItemRepository {
  constructor(private readonly m: EntityManager) {}

  async findLetters(mailbox: string, messageIds: string[], uidValidity: string | null, uids: number[]): Promise<RecordedLetter[]> {
    const marks = (n: number) => Array(n).fill('?').join(',');
    const byUid = uidValidity !== null && uids.length > 0;
    const where = [
      ...(messageIds.length ? [`messageId IN (${marks(messageIds.length)})`] : []),
      ...(byUid ? [`(uidValidity = ? AND uid IN (${marks(uids.length)}))`] : []),
    ];
    if (!where.length) return [];
    const rows: RecordedLetter[] = await this.m.query(`SELECT messageId, uid, uidValidity FROM intake_items WHERE mailbox = ? AND (${where.join(' OR ')})`, [
      mailbox,
      ...messageIds,
      ...(byUid ? [uidValidity, ...uids] : []),
    ]);
    // bigint columns come back as number or string depending on the driver
    return rows.map((r) => ({
      messageId: r.messageId,
      uid: r.uid === null ? null : Number(r.uid),
      uidValidity: r.uidValidity === null ? null : String(r.uidValidity),
    }));
  }

  async addMany(items: NewIntakeItem[]): Promise<number[] | null> {
    return insertRows(
      this.m,
      'intake_items',
      items.map((i) => ({ ...i })),
      { idStep: await idStepOf(this.m) },
    );
  }

  async idsOfLetters(mailbox: string, messageIds: string[]): Promise<Map<string, number>> {
    const found = await this.m.getRepository(IntakeItemEntity).find({ where: { mailbox, messageId: In(messageIds) }, select: ['id', 'messageId'] });
    return new Map(found.filter((f) => f.messageId).map((f) => [f.messageId as string, f.id]));
  }

  async claimForRerun(id: number, status: string): Promise<boolean> {
    const claimed = await this.m
      .createQueryBuilder()
      .update(IntakeItemEntity)
      .set({ attempts: () => 'attempts + 1' } as never)
      .where('id = :id AND status = :status', { id, status })
      .execute();
    return Boolean(claimed.affected);
  }

  async setOutcome(id: number, o: IntakeItemOutcome): Promise<void> {
    await this.m
      .getRepository(IntakeItemEntity)
      .update(id, { status: o.status, reason: o.reason, ticketId: o.ticketId, attempts: o.attempts, summary: o.summary as never });
  }

  findById(id: number): Promise<IntakeItemEntity | null> {
    return this.m.getRepository(IntakeItemEntity).findOneBy({ id });
  }

  listQuarantinedLetters(limit: number): Promise<Array<Pick<IntakeItemEntity, 'id' | 'mailbox' | 'messageId' | 'reason' | 'createdAt'>>> {
    return this.m.getRepository(IntakeItemEntity).find({
      where: { kind: 'mail', status: 'quarantined' },
      select: ['id', 'mailbox', 'messageId', 'reason', 'createdAt'],
      order: { id: 'ASC' },
      take: limit,
    });
  }
}

export const INTAKE_ITEMS = repositoryToken<IntakeItemRepository>('intake-items', (m) => new TypeOrmIntakeItemRepository(m));
