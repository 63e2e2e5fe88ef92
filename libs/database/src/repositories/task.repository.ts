import type { EntityManager } from 'typeorm';
import { TaskEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type NewTask = Pick<TaskEntity, 'ticketId' | 'kind' | 'round' | 'status' | 'dueAt'>;

/** Operators' work on a ticket: call-backs and follow-up surveys (回访). */
export interface TaskRepository {
  add(row: NewTask): Promise<TaskEntity>;
  /** Writes the task's status and how it was done. */
  save(task: TaskEntity): Promise<void>;
  listOpen(ticketId: number): Promise<TaskEntity[]>;
  cancelOpen(ticketId: number): Promise<void>;
  listForTicket(ticketId: number): Promise<TaskEntity[]>;
}

export class TypeOrmTaskRepository implements TaskRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(TaskEntity);
  }

  add(row: NewTask): Promise<TaskEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async save(task: TaskEntity): Promise<void> {
    await this.repo.save(task);
  }

  listOpen(ticketId: number): Promise<TaskEntity[]> {
    return this.repo.find({ where: { ticketId, status: 'open' } });
  }

  async cancelOpen(ticketId: number): Promise<void> {
    await this.repo.update({ ticketId, status: 'open' }, { status: 'cancelled' });
  }

  listForTicket(ticketId: number): Promise<TaskEntity[]> {
    return this.repo.find({ where: { ticketId } });
  }
}

export const TASKS = repositoryToken<TaskRepository>('tasks', (m) => new TypeOrmTaskRepository(m));
