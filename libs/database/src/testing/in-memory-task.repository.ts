import type { TaskEntity } from '../entities';
import type { NewTask, TaskRepository } from '../repositories/task.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryTaskRepository implements TaskRepository, Snapshottable {
  readonly table = new InMemoryTable<TaskEntity>();

  async add(row: NewTask): Promise<TaskEntity> {
    return this.table.insert({ doneAt: null, doneBy: null, note: null, createdAt: new Date(), ...row });
  }
  async save(task: TaskEntity): Promise<void> {
    this.table.update(task.id, { ...task });
  }
  async listOpen(ticketId: number): Promise<TaskEntity[]> {
    return this.table.where((t) => t.ticketId === ticketId && t.status === 'open');
  }
  async cancelOpen(ticketId: number): Promise<void> {
    for (const t of await this.listOpen(ticketId)) this.table.update(t.id, { status: 'cancelled' });
  }
  async listForTicket(ticketId: number): Promise<TaskEntity[]> {
    return this.table.where((t) => t.ticketId === ticketId);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
