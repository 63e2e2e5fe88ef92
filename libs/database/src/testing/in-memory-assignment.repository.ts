import type { AssignmentRole, AssignmentStatus } from '@hub/domain';
import type { AssignmentEntity } from '../entities';
import { type AssignmentProgress, type AssignmentRepository, NEW_ASSIGNMENT, type NewAssignment } from '../repositories/assignment.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryAssignmentRepository implements AssignmentRepository, Snapshottable {
  readonly table = new InMemoryTable<AssignmentEntity>();

  async add(row: NewAssignment): Promise<AssignmentEntity> {
    const now = new Date();
    return this.table.insert({ ...NEW_ASSIGNMENT, createdAt: now, updatedAt: now, ...row });
  }
  async addMany(rows: NewAssignment[]): Promise<AssignmentEntity[]> {
    const out: AssignmentEntity[] = [];
    for (const r of rows) out.push(await this.add(r));
    return out;
  }
  async save(a: AssignmentEntity): Promise<void> {
    this.table.update(a.id, { ...a });
  }
  async listActive(ticketId: number): Promise<AssignmentEntity[]> {
    return this.table.where((a) => a.ticketId === ticketId && a.status === 'active').sort((a, b) => b.id - a.id);
  }
  async findActiveOf(ticketId: number, unitId: number): Promise<AssignmentEntity | null> {
    return this.table.where((a) => a.ticketId === ticketId && a.unitId === unitId && a.status === 'active')[0] ?? null;
  }
  async findLatest(ticketId: number, where: { role: AssignmentRole; status: AssignmentStatus }): Promise<AssignmentEntity | null> {
    return this.table.where((a) => a.ticketId === ticketId && a.role === where.role && a.status === where.status).sort((a, b) => b.id - a.id)[0] ?? null;
  }
  async listInStatus(ticketId: number, statuses: string[]): Promise<AssignmentEntity[]> {
    return this.table.where((a) => a.ticketId === ticketId && statuses.includes(a.status));
  }
  async recordStepIfOpen(id: number, step: 'acknowledgedAt' | 'repliedAt', changes: AssignmentProgress): Promise<boolean> {
    const a = this.table.get(id);
    if (!a || a.status !== 'active' || a[step] != null) return false;
    this.table.update(id, changes);
    return true;
  }
  async listForTicket(ticketId: number): Promise<AssignmentEntity[]> {
    return this.table.where((a) => a.ticketId === ticketId);
  }
  async listForTickets(ticketIds: number[]): Promise<AssignmentEntity[]> {
    return this.table.where((a) => ticketIds.includes(a.ticketId));
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
