import type { AssignmentRole, AssignmentStatus } from '@hub/domain';
import { In, type EntityManager } from 'typeorm';
import { AssignmentEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { idStepOf } from './id-step';

export type NewAssignment = Pick<AssignmentEntity, 'ticketId' | 'unitId' | 'role' | 'status' | 'dispatchedAt' | 'extensionCount'> &
  Partial<Pick<AssignmentEntity, 'parentAssignmentId'>>;
/** The progress columns of an assignment: what an action may change. */
export type AssignmentProgress = Partial<
  Pick<AssignmentEntity, 'status' | 'acknowledgedAt' | 'returnedAt' | 'returnReason' | 'repliedAt' | 'outcome' | 'replyText' | 'extensionCount'>
>;

/** The columns of a new assignment that no action has touched yet. */
export const NEW_ASSIGNMENT = {
  acknowledgedAt: null,
  returnedAt: null,
  returnReason: null,
  repliedAt: null,
  outcome: null,
  replyText: null,
  parentAssignmentId: null,
};

/** A ticket's assignments to units (主办 / 协办) and their progress. */
export interface AssignmentRepository {
  add(row: NewAssignment): Promise<AssignmentEntity>;
  /** Many new assignments in as few statements as the database allows (a batch of new tickets dispatched), with their ids, in order. */
  addMany(rows: NewAssignment[]): Promise<AssignmentEntity[]>;
  /** Writes the assignment's progress columns as they are on `a`. */
  save(a: AssignmentEntity): Promise<void>;
  /** The ticket's active assignments, newest first. */
  listActive(ticketId: number): Promise<AssignmentEntity[]>;
  /** The unit's active assignment on the ticket, if it holds it. */
  findActiveOf(ticketId: number, unitId: number): Promise<AssignmentEntity | null>;
  /** The newest assignment of that role in that status. */
  findLatest(ticketId: number, where: { role: AssignmentRole; status: AssignmentStatus }): Promise<AssignmentEntity | null>;
  listInStatus(ticketId: number, statuses: string[]): Promise<AssignmentEntity[]>;
  /**
   * Records an assisting unit's step (签收 or 反馈) only while it is still open on an active
   * assignment: false when it was already done (a double click, two requests at once).
   */
  recordStepIfOpen(id: number, step: 'acknowledgedAt' | 'repliedAt', changes: AssignmentProgress): Promise<boolean>;
  /** Every assignment of the ticket, oldest first. */
  listForTicket(ticketId: number): Promise<AssignmentEntity[]>;
  /** Every assignment of these tickets (a page of a list), oldest first. */
  listForTickets(ticketIds: number[]): Promise<AssignmentEntity[]>;
}

export class TypeOrmAssignmentRepository implements AssignmentRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(AssignmentEntity);
  }

  add(row: NewAssignment): Promise<AssignmentEntity> {
    return this.repo.save(this.repo.create({ parentAssignmentId: null, ...row }));
  }

  async addMany(rows: NewAssignment[]): Promise<AssignmentEntity[]> {
    if (!rows.length) return [];
    const full = rows.map((r) => ({ ...NEW_ASSIGNMENT, ...r }));
    const ids = await insertRows(this.m, 'assignments', full, { idStep: await idStepOf(this.m) });
    if (ids && ids.length === rows.length) return full.map((r, i) => ({ ...r, id: ids[i] }) as AssignmentEntity);
    // Ids not known from the insert (SQLite, interleaved auto-increment): each is the newest of its ticket, unit and role.
    const found = await this.repo.find({ where: { ticketId: In([...new Set(rows.map((r) => r.ticketId))]) }, order: { id: 'DESC' } });
    return rows.map((r) => found.find((a) => a.ticketId === r.ticketId && a.unitId === r.unitId && a.role === r.role) as AssignmentEntity);
  }

  async save(a: AssignmentEntity): Promise<void> {
    await this.repo.save(a);
  }

  listActive(ticketId: number): Promise<AssignmentEntity[]> {
    return this.repo.find({ where: { ticketId, status: 'active' }, order: { id: 'DESC' } });
  }

  findActiveOf(ticketId: number, unitId: number): Promise<AssignmentEntity | null> {
    return this.repo.findOne({ where: { ticketId, unitId, status: 'active' } });
  }

  findLatest(ticketId: number, where: { role: AssignmentRole; status: AssignmentStatus }): Promise<AssignmentEntity | null> {
    return this.repo.findOne({ where: { ticketId, role: where.role, status: where.status }, order: { id: 'DESC' } });
  }

  listInStatus(ticketId: number, statuses: string[]): Promise<AssignmentEntity[]> {
    return this.repo.find({ where: { ticketId, status: In(statuses) } });
  }

  async recordStepIfOpen(id: number, step: 'acknowledgedAt' | 'repliedAt', changes: AssignmentProgress): Promise<boolean> {
    const res = await this.m
      .createQueryBuilder()
      .update(AssignmentEntity)
      .set(changes as never)
      .where(`id = :id AND status = 'active' AND ${step} IS NULL`, { id })
      .execute();
    return Boolean(res.affected);
  }

  listForTicket(ticketId: number): Promise<AssignmentEntity[]> {
    return this.repo.find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  async listForTickets(ticketIds: number[]): Promise<AssignmentEntity[]> {
    if (!ticketIds.length) return [];
    return this.repo.find({ where: { ticketId: In(ticketIds) }, order: { id: 'ASC' } });
  }
}

export const ASSIGNMENTS = repositoryToken<AssignmentRepository>('assignments', (m) => new TypeOrmAssignmentRepository(m));
