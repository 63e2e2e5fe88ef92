import { type TaskKind, type TaskStatus, type TicketScope, ticketInScope } from '@hub/domain';
import type { ClusterEntity, ImportFileEntity, IntakeItemEntity, TaskEntity, TicketEntity } from '../entities';
import type { AdminViewsRepository, ClusterTicket, OutboxListItem, Page } from '../repositories/admin-views.repository';
import { InMemoryTable } from './in-memory-table';

/** The admin pages' lists over in-memory tables (fill the tables a spec needs). */
export class InMemoryAdminViewsRepository implements AdminViewsRepository {
  readonly intake = new InMemoryTable<IntakeItemEntity>();
  readonly imports = new InMemoryTable<ImportFileEntity>();
  readonly mails = new InMemoryTable<OutboxListItem>();
  readonly clusterRows = new InMemoryTable<ClusterEntity>();
  readonly taskRows = new InMemoryTable<TaskEntity>();
  readonly ticketRows = new InMemoryTable<TicketEntity>();

  async intakeItems(status: string | null, page: Page): Promise<{ items: IntakeItemEntity[]; total: number }> {
    const all = this.intake.where((i) => status === null || i.status === status).sort((a, b) => b.id - a.id);
    return { items: all.slice(page.skip, page.skip + page.take), total: all.length };
  }
  async intakeItem(id: number): Promise<IntakeItemEntity | null> {
    return this.intake.get(id) ?? null;
  }
  async recentImports(take: number): Promise<ImportFileEntity[]> {
    return this.imports
      .all()
      .sort((a, b) => b.id - a.id)
      .slice(0, take);
  }
  async importFile(id: number): Promise<ImportFileEntity | null> {
    return this.imports.get(id) ?? null;
  }
  async outbox(status: string | null, take: number): Promise<OutboxListItem[]> {
    return this.mails
      .where((m) => status === null || m.status === status)
      .sort((a, b) => b.id - a.id)
      .slice(0, take);
  }
  async clusters(take: number): Promise<ClusterEntity[]> {
    return this.clusterRows
      .all()
      .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime())
      .slice(0, take);
  }
  async ticketsOfClusters(clusterIds: number[]): Promise<ClusterTicket[]> {
    return this.ticketRows.where((t) => t.clusterId !== null && clusterIds.includes(t.clusterId));
  }
  /** The scope read from the ticket rows alone (its lead unit standing for its assignments). */
  async tasks(kind: TaskKind | null, status: TaskStatus | null, take: number, scope: TicketScope | null): Promise<TaskEntity[]> {
    const inScope = (ticketId: number) => {
      const t = this.ticketRows.where((r) => r.id === ticketId)[0];
      if (scope === null) return true;
      if (!t) return false;
      const assignedUnitIds = t.leadUnitId === null ? [] : [t.leadUnitId];
      return ticketInScope(scope, { deskUnitId: t.deskUnitId, region: t.region, assignedUnitIds, dispatched: t.dispatchedAt !== null });
    };
    return this.taskRows
      .where((t) => (kind === null || t.kind === kind) && (status === null || t.status === status) && inScope(t.ticketId))
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0))
      .slice(0, take);
  }
  async tickets(ids: number[]): Promise<TicketEntity[]> {
    return this.ticketRows.where((t) => ids.includes(t.id));
  }
}
