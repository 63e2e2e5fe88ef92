import type { TaskKind, TaskStatus, TicketScope } from '@hub/domain';
import { EntityManager, In } from 'typeorm';
import { ClusterEntity, ImportFileEntity, IntakeItemEntity, OutgoingMailEntity, TaskEntity, TicketEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';
import { ticketScopeCondition } from './ticket-scope.sql';

/** A page of rows: `take` rows after skipping `skip`. */
export interface Page {
  take: number;
  skip: number;
}

/** The fields of an outbox mail the admin page lists (never its body). */
export type OutboxListItem = Pick<
  OutgoingMailEntity,
  'id' | 'kind' | 'to' | 'subject' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'ticketId'
>;
export type ClusterTicket = Pick<TicketEntity, 'id' | 'clusterId' | 'receivedAt' | 'status'>;

/**
 * The admin and operator pages' lists (intake items, imports, outbox, collective matters,
 * follow-up tasks), newest or most urgent first: reads only.
 */
export interface AdminViewsRepository {
  /** `status` null: every status. */
  intakeItems(status: string | null, page: Page): Promise<{ items: IntakeItemEntity[]; total: number }>;
  intakeItem(id: number): Promise<IntakeItemEntity | null>;
  recentImports(take: number): Promise<ImportFileEntity[]>;
  importFile(id: number): Promise<ImportFileEntity | null>;
  outbox(status: string | null, take: number): Promise<OutboxListItem[]>;
  /** Most recent activity first. */
  clusters(take: number): Promise<ClusterEntity[]>;
  ticketsOfClusters(clusterIds: number[]): Promise<ClusterTicket[]>;
  /** Soonest due first; `kind`/`status` null: any. */
  /** The first `take` tasks, soonest due first, of tickets in the scope (null: every ticket) — the scope applied before the limit. */
  tasks(kind: TaskKind | null, status: TaskStatus | null, take: number, scope: TicketScope | null): Promise<TaskEntity[]>;
  tickets(ids: number[]): Promise<TicketEntity[]>;
}

export class TypeOrmAdminViewsRepository implements AdminViewsRepository {
  constructor(private readonly m: EntityManager) {}

  async intakeItems(status: string | null, page: Page): Promise<{ items: IntakeItemEntity[]; total: number }> {
    const [items, total] = await this.m.getRepository(IntakeItemEntity).findAndCount({
      where: status === null ? {} : { status },
      order: { id: 'DESC' },
      take: page.take,
      skip: page.skip,
    });
    return { items, total };
  }

  intakeItem(id: number): Promise<IntakeItemEntity | null> {
    return this.m.getRepository(IntakeItemEntity).findOneBy({ id });
  }

  recentImports(take: number): Promise<ImportFileEntity[]> {
    return this.m.getRepository(ImportFileEntity).find({ order: { id: 'DESC' }, take });
  }

  importFile(id: number): Promise<ImportFileEntity | null> {
    return this.m.getRepository(ImportFileEntity).findOneBy({ id });
  }

  outbox(status: string | null, take: number): Promise<OutboxListItem[]> {
    return this.m.getRepository(OutgoingMailEntity).find({
      where: status === null ? {} : { status },
      order: { id: 'DESC' },
      take,
      select: ['id', 'kind', 'to', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt', 'ticketId'],
    });
  }

  clusters(take: number): Promise<ClusterEntity[]> {
    return this.m.getRepository(ClusterEntity).find({ order: { lastAt: 'DESC' }, take });
  }

  ticketsOfClusters(clusterIds: number[]): Promise<ClusterTicket[]> {
    return this.m.getRepository(TicketEntity).find({ where: { clusterId: In(clusterIds) }, select: ['id', 'clusterId', 'receivedAt', 'status'] });
  }

  tasks(kind: TaskKind | null, status: TaskStatus | null, take: number, scope: TicketScope | null): Promise<TaskEntity[]> {
    const qb = this.m.getRepository(TaskEntity).createQueryBuilder('k');
    if (kind) qb.andWhere('k.kind = :kind', { kind });
    if (status !== null) qb.andWhere('k.status = :status', { status });
    if (scope !== null) {
      const c = ticketScopeCondition('kt', scope);
      qb.andWhere(`EXISTS (SELECT 1 FROM tickets kt WHERE kt.id = k.ticketId AND ${c.sql})`, c.params);
    }
    return qb.orderBy('k.dueAt', 'ASC').take(take).getMany();
  }

  tickets(ids: number[]): Promise<TicketEntity[]> {
    return this.m.getRepository(TicketEntity).find({ where: { id: In(ids) } });
  }
}

export const ADMIN_VIEWS = repositoryToken<AdminViewsRepository>('admin-views', (m) => new TypeOrmAdminViewsRepository(m));
