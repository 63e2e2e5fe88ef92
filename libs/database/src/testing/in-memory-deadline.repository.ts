import type { DeadlineStage } from '@hub/domain';
import type { DeadlineEntity } from '../entities';
import type { DeadlineRepository, NewDeadline, OpenDeadlineQuery } from '../repositories/deadline.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryDeadlineRepository implements DeadlineRepository, Snapshottable {
  readonly table = new InMemoryTable<DeadlineEntity>();

  async add(row: NewDeadline): Promise<DeadlineEntity> {
    const now = new Date();
    return this.table.insert({ ...row, createdAt: now, updatedAt: now });
  }
  async addMany(rows: NewDeadline[]): Promise<void> {
    for (const r of rows) await this.add(r);
  }
  async save(row: DeadlineEntity): Promise<void> {
    this.table.update(row.id, { ...row });
  }
  async listOpen(where: OpenDeadlineQuery): Promise<DeadlineEntity[]> {
    return this.table.where(
      (d) =>
        d.status === 'open' &&
        (where.ticketId === undefined || d.ticketId === where.ticketId) &&
        (where.assignmentId === undefined || d.assignmentId === where.assignmentId) &&
        (!where.stages || where.stages.includes(d.stage)),
    );
  }
  async findOf(assignmentId: number, stage: DeadlineStage, status?: 'open'): Promise<DeadlineEntity | null> {
    return this.table.where((d) => d.assignmentId === assignmentId && d.stage === stage && (!status || d.status === status))[0] ?? null;
  }
  async listForTicket(ticketId: number): Promise<DeadlineEntity[]> {
    return this.table.where((d) => d.ticketId === ticketId);
  }
  async listOpenForTickets(ticketIds: number[]): Promise<DeadlineEntity[]> {
    return this.table.where((d) => ticketIds.includes(d.ticketId) && d.status === 'open');
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
