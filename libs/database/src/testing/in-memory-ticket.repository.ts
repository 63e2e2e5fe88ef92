import { OPEN_STATUSES } from '@hub/domain';
import type { TicketEntity } from '../entities';
import type { TicketChanges, TicketRepository } from '../repositories/ticket.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** Tickets in memory; a write bumps the version, as on the database. */
export class InMemoryTicketRepository implements TicketRepository, Snapshottable {
  readonly table = new InMemoryTable<TicketEntity>();

  async findById(id: number): Promise<TicketEntity | null> {
    return this.table.get(id) ?? null;
  }
  async findByIds(ids: number[]): Promise<TicketEntity[]> {
    return this.table.where((t) => ids.includes(t.id));
  }
  async updateIfVersion(id: number, version: number, changes: TicketChanges): Promise<boolean> {
    const t = this.table.get(id);
    if (!t || t.version !== version) return false;
    this.table.update(id, { ...changes, version: version + 1 });
    return true;
  }
  async addRepeatIfVersion(id: number, version: number): Promise<boolean> {
    const t = this.table.get(id);
    if (!t || t.version !== version) return false;
    this.table.update(id, { repeatCount: t.repeatCount + 1, version: version + 1 });
    return true;
  }
  async update(id: number, changes: TicketChanges): Promise<void> {
    const t = this.table.get(id);
    if (t) this.table.update(id, { ...changes, version: t.version + 1 });
  }
  async receivedAtOf(ids: number[]) {
    return this.table.where((t) => ids.includes(t.id)).map((t) => ({ id: t.id, receivedAt: t.receivedAt }));
  }
  async listOpenOfRequesters(requesterIds: number[], since: Date, limit: number): Promise<TicketEntity[]> {
    return this.table
      .where((t) => t.requesterId != null && requesterIds.includes(t.requesterId) && (OPEN_STATUSES as string[]).includes(t.status) && t.receivedAt > since)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .slice(0, limit);
  }
  async listRecentIn(where: { category: string | null; region: string | null; since: Date }, limit: number): Promise<TicketEntity[]> {
    return this.table
      .where(
        (t) => (where.category == null || t.category === where.category) && (where.region == null || t.region === where.region) && t.receivedAt > where.since,
      )
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
  async setCluster(ids: number[], clusterId: number): Promise<void> {
    for (const id of ids) this.table.update(id, { clusterId });
  }
  async listIdsStillReceived(before: Date, limit: number): Promise<number[]> {
    return this.table
      .where((t) => t.status === 'received' && t.createdAt < before)
      .map((t) => t.id)
      .sort((a, b) => a - b)
      .slice(0, limit);
  }
  async listMergedInto(id: number) {
    return this.table.where((t) => t.mergedIntoId === id);
  }
  async listLeaderCases(leaderId: number | null, limit: number): Promise<TicketEntity[]> {
    return this.table
      .where((t) => (leaderId == null ? t.leaderId != null : t.leaderId === leaderId))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id)
      .slice(0, limit);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
