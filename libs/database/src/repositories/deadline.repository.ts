import type { DeadlineStage } from '@hub/domain';
import { In, type EntityManager } from 'typeorm';
import { DeadlineEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

export type NewDeadline = Omit<DeadlineEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** Which open deadlines an action meets, pauses, moves or ends. */
export interface OpenDeadlineQuery {
  ticketId?: number;
  assignmentId?: number;
  stages?: string[];
}

/** The time limits of tickets and assignments, as the lifecycle use cases open and close them. */
export interface DeadlineRepository {
  add(row: NewDeadline): Promise<DeadlineEntity>;
  /** Many new deadlines in as few statements as the database allows (their ids are not needed). */
  addMany(rows: NewDeadline[]): Promise<void>;
  /** Writes the row as it is (status, due time, pause, next reminder). */
  save(row: DeadlineEntity): Promise<void>;
  listOpen(where: OpenDeadlineQuery): Promise<DeadlineEntity[]>;
  /** The assignment's deadline of that stage, open or not. */
  findOf(assignmentId: number, stage: DeadlineStage, status?: 'open'): Promise<DeadlineEntity | null>;
  /** Every deadline of the ticket, oldest first. */
  listForTicket(ticketId: number): Promise<DeadlineEntity[]>;
  listOpenForTickets(ticketIds: number[]): Promise<DeadlineEntity[]>;
}

export class TypeOrmDeadlineRepository implements DeadlineRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(DeadlineEntity);
  }

  add(row: NewDeadline): Promise<DeadlineEntity> {
    return this.repo.save(this.repo.create(row));
  }

  async addMany(rows: NewDeadline[]): Promise<void> {
    await insertRows(this.m, 'deadlines', rows as unknown as Array<Record<string, unknown>>);
  }

  async save(row: DeadlineEntity): Promise<void> {
    await this.repo.save(row);
  }

  listOpen(where: OpenDeadlineQuery): Promise<DeadlineEntity[]> {
    return this.repo.find({
      where: {
        ...(where.ticketId !== undefined ? { ticketId: where.ticketId } : {}),
        ...(where.assignmentId !== undefined ? { assignmentId: where.assignmentId } : {}),
        ...(where.stages ? { stage: In(where.stages) } : {}),
        status: 'open',
      },
    });
  }

  findOf(assignmentId: number, stage: DeadlineStage, status?: 'open'): Promise<DeadlineEntity | null> {
    return this.repo.findOne({ where: { assignmentId, stage, ...(status ? { status } : {}) } });
  }

  listForTicket(ticketId: number): Promise<DeadlineEntity[]> {
    return this.repo.find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  listOpenForTickets(ticketIds: number[]): Promise<DeadlineEntity[]> {
    if (!ticketIds.length) return Promise.resolve([]);
    return this.repo.find({ where: { ticketId: In(ticketIds), status: 'open' } });
  }
}

export const DEADLINES = repositoryToken<DeadlineRepository>('deadlines', (m) => new TypeOrmDeadlineRepository(m));
