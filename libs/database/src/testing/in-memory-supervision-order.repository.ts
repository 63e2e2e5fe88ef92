import type { SupervisionOrderEntity } from '../entities';
import type { NewSupervisionOrder, SupervisionOrderFilter, SupervisionOrderRepository } from '../repositories/supervision-order.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemorySupervisionOrderRepository implements SupervisionOrderRepository, Snapshottable {
  readonly table = new InMemoryTable<SupervisionOrderEntity>();
  async add(row: NewSupervisionOrder): Promise<SupervisionOrderEntity> {
    return this.table.insert({ ...row, createdAt: row.createdAt ?? new Date() });
  }
  async findById(id: number): Promise<SupervisionOrderEntity | null> {
    return this.table.get(id) ?? null;
  }
  async save(row: SupervisionOrderEntity): Promise<void> {
    this.table.update(row.id, row);
  }
  async list(f: SupervisionOrderFilter): Promise<SupervisionOrderEntity[]> {
    const t = (d: Date | null) => d?.getTime() ?? NaN;
    return this.table
      .where(
        (o) =>
          (!f.unitIds || f.unitIds.includes(o.unitId)) &&
          (!f.statuses?.length || f.statuses.includes(o.status)) &&
          (f.ticketId === undefined || o.ticketId === f.ticketId) &&
          (!f.from || t(o.issuedAt) >= f.from.getTime()) &&
          (!f.to || t(o.issuedAt) < f.to.getTime()) &&
          (!(f.reportedFrom || f.reportedTo) || o.reportedAt != null) &&
          (!f.reportedFrom || t(o.reportedAt) >= f.reportedFrom.getTime()) &&
          (!f.reportedTo || t(o.reportedAt) < f.reportedTo.getTime()),
      )
      .sort((a, b) => b.id - a.id)
      .slice(0, f.limit ?? 500);
  }
  async listOpenByDeadlines(deadlineIds: number[]): Promise<SupervisionOrderEntity[]> {
    return this.table.where((o) => o.status === 'open' && o.deadlineId != null && deadlineIds.includes(o.deadlineId));
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
