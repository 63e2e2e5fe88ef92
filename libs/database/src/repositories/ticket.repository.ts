import { In, IsNull, LessThan, MoreThan, Not, type EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '@hub/domain';
import { TicketEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The columns a use case may change on a ticket (id, version and timestamps are the database's). */
export type TicketChanges = Partial<Omit<TicketEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;

/** Tickets as the lifecycle and routing use cases read and change them. */
export interface TicketRepository {
  findById(id: number): Promise<TicketEntity | null>;
  /** The tickets with these ids (those that exist), in no particular order. */
  findByIds(ids: number[]): Promise<TicketEntity[]>;
  /**
   * Writes `changes` only if nobody changed the ticket since it was read at `version` (and bumps
   * the version). False when someone did: the caller reports a conflict.
   */
  updateIfVersion(id: number, version: number, changes: TicketChanges): Promise<boolean>;
  /** One more repeat (并单) counted on the open ticket, version-checked as above. */
  addRepeatIfVersion(id: number, version: number): Promise<boolean>;
  /** A plain write (it bumps the version too, as every write of a ticket does). */
  update(id: number, changes: TicketChanges): Promise<void>;
  receivedAtOf(ids: number[]): Promise<Array<Pick<TicketEntity, 'id' | 'receivedAt'>>>;
  /** Open tickets of these requesters received after `since`, newest first. */
  listOpenOfRequesters(requesterIds: number[], since: Date, limit: number): Promise<TicketEntity[]>;
  /** Tickets received after `since` in the category and region (a null one is not filtered on), newest id first. */
  listRecentIn(where: { category: string | null; region: string | null; since: Date }, limit: number): Promise<TicketEntity[]>;
  setCluster(ids: number[], clusterId: number): Promise<void>;
  /** Ids of tickets still `received` that were created before `before` (their classify job was lost). */
  listIdsStillReceived(before: Date, limit: number): Promise<number[]>;
  /** The repeats merged into a ticket. */
  listMergedInto(id: number): Promise<Array<Pick<TicketEntity, 'id' | 'receivedAt' | 'text' | 'status'>>>;
  /** 包案 matters: the tickets a leader owns (all leaders' when null), newest first. */
  listLeaderCases(leaderId: number | null, limit: number): Promise<TicketEntity[]>;
}

export class TypeOrmTicketRepository implements TicketRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(TicketEntity);
  }

  findById(id: number): Promise<TicketEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async findByIds(ids: number[]): Promise<TicketEntity[]> {
    return ids.length ? this.repo.findBy({ id: In(ids) }) : [];
  }

  async updateIfVersion(id: number, version: number, changes: TicketChanges): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ ...changes, version: () => 'version + 1' } as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(res.affected);
  }

  async addRepeatIfVersion(id: number, version: number): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ repeatCount: () => 'repeatCount + 1', version: () => 'version + 1' } as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(res.affected);
  }

  async update(id: number, changes: TicketChanges): Promise<void> {
    await this.repo.update(id, changes as never);
  }

  receivedAtOf(ids: number[]) {
    return this.repo.find({ where: { id: In(ids) }, select: ['id', 'receivedAt'] });
  }

  listOpenOfRequesters(requesterIds: number[], since: Date, limit: number): Promise<TicketEntity[]> {
    return this.repo.find({
      where: { requesterId: In(requesterIds), status: In(OPEN_STATUSES as string[]), receivedAt: MoreThan(since) },
      order: { receivedAt: 'DESC' },
      take: limit,
    });
  }

  listRecentIn(where: { category: string | null; region: string | null; since: Date }, limit: number): Promise<TicketEntity[]> {
    return this.repo.find({
      where: { category: where.category ?? undefined, region: where.region ?? undefined, receivedAt: MoreThan(where.since) },
      take: limit,
      order: { id: 'DESC' },
    });
  }

  /**
   * Marks the tickets as one cluster's. Not a change to the tickets' handling, so their version
   * stays: a ticket being routed or handled at that moment (another worker, an operator) is not
   * refused as "changed by someone else" because a later call joined its cluster.
   */
  async setCluster(ids: number[], clusterId: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(TicketEntity)
      .set({ clusterId, version: () => 'version' } as never)
      .where({ id: In(ids) })
      // Only those not in it yet: members already in the cluster are left alone (nor locked).
      .andWhere('(clusterId IS NULL OR clusterId <> :clusterId)', { clusterId })
      .execute();
  }

  async listIdsStillReceived(before: Date, limit: number): Promise<number[]> {
    const rows = await this.repo.find({ where: { status: 'received', createdAt: LessThan(before) }, select: ['id'], order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  listMergedInto(id: number) {
    return this.repo.find({ where: { mergedIntoId: id }, select: ['id', 'receivedAt', 'text', 'status'] });
  }

  listLeaderCases(leaderId: number | null, limit: number): Promise<TicketEntity[]> {
    return this.repo.find({ where: { leaderId: leaderId ?? Not(IsNull()) }, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}

export const TICKETS = repositoryToken<TicketRepository>('tickets', (m) => new TypeOrmTicketRepository(m));
