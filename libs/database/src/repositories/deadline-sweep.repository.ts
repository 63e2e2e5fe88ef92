import type { PersonalData, ReminderLevel } from '@hub/domain';
import type { EntityManager } from 'typeorm';
import { DeadlineEntity, UnitEntity } from '../entities';
import { isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

/** A deadline whose next reminder is due, as the ladder reads it. */
export type DueDeadline = Pick<
  DeadlineEntity,
  'id' | 'ticketId' | 'assignmentId' | 'unitId' | 'stage' | 'basis' | 'startAt' | 'dueAt' | 'status' | 'pausedAt' | 'pausedMs' | 'dueVersion' | 'lastLevelSent'
> & { nextReminderAt?: Date | null };

/** Where a pass's reading of the due rows has got to: the (nextReminderAt, id) of the last row it locked. */
export interface DueCursor {
  at: Date;
  id: number;
}

/** What the ladder decided for one deadline: stored only if its due time has not moved meanwhile. */
export interface ReminderDecision {
  id: number;
  dueVersion: number;
  lastLevelSent: ReminderLevel | null;
  nextReminderAt: Date | null;
  nextLevel: ReminderLevel | null;
}

type SummaryRow = {
  id: number;
  receivedAt: Date | string;
  subject: string | null;
  excerpt: string | null;
  urgency: string;
  confidential: number | boolean;
  address: string | null;
  numberPrefix: string | null;
  rName: string | null;
  rPhone: string | null;
  rEmail: string | null;
  rIdNumber: string | null;
  rAddress: string | null;
};

/** What a reminder mail says about its ticket. */
export interface TicketSummary {
  receivedAt: Date;
  /** Its number's prefix when a city's (null or absent: the installation's). */
  numberPrefix?: string | null;
  subject: string | null;
  /** The first 40 characters of the request. */
  textStart: string;
  urgency: string;
  /** 是否保密: then the requester's data, so the mail's excerpt can be masked like everything else a unit reads. */
  confidential: boolean;
  personal: PersonalData | null;
}

/** An open deadline past its due time, for the daily digest. */
export interface OverdueDeadline {
  id: number;
  ticketId: number;
  assignmentId?: number | null;
  ticketReceivedAt: Date;
  /** The ticket's number prefix when a city's. */
  ticketNumberPrefix?: string | null;
  unitId: number | null;
  unitName: string | null;
  unitEmail: string | null;
  stage: string;
  dueAt: Date;
  status: string;
  pausedAt: Date | null;
  lastLevelSent: string | null;
}

/**
 * The deadlines as the reminder sweep and the daily digest see them. The schedule is an indexed
 * next-due time per deadline (status, nextReminderAt), so a pass reads only what is due.
 */
export interface DeadlineSweepRepository {
  /**
   * Whether several batches can run at once without taking the same rows: true where the locking
   * read skips rows another transaction holds (MySQL/MariaDB); SQLite has one writer.
   */
  readonly concurrentBatches: boolean;
  /**
   * Open deadlines due for a reminder at `now`, earliest first, locked for this transaction; with
   * `after`, only those after that place in the (nextReminderAt, id) order.
   */
  lockDue(now: Date, limit: number, after?: DueCursor | null): Promise<DueDeadline[]>;
  /** lastLevelSent and the next reminder, each only where dueVersion is still the one decided on. */
  storeDecisions(decisions: ReminderDecision[]): Promise<void>;
  /** Every unit's name and mail address. */
  unitDirectory(): Promise<Map<number, { name: string; email: string }>>;
  /** 二级派单: for each of these assignments that hangs under a desk unit's, that desk unit's id. */
  deskUnitsOf(assignmentIds: number[]): Promise<Map<number, number>>;
  ticketSummaries(ticketIds: number[]): Promise<Map<number, TicketSummary>>;
  /** Open deadlines due before `before`, except those of `exceptStages`. */
  listOverdue(before: Date, exceptStages: string[]): Promise<OverdueDeadline[]>;
}

export class TypeOrmDeadlineSweepRepository implements DeadlineSweepRepository {
  readonly concurrentBatches: boolean;

  constructor(private readonly m: EntityManager) {
    this.concurrentBatches = isMysqlFamily(m);
  }

  async lockDue(now: Date, limit: number, after: DueCursor | null = null): Promise<DueDeadline[]> {
    if (this.concurrentBatches) {
      // Plain SQL on the bulk path (the ORM's entity building cost more CPU than the read);
      // concurrent sweepers share the backlog instead of deciding the same rows twice. The range
      // starts at the pass's cursor: the index entries the pass's earlier batches moved away stay
      // behind as delete-marked until purged, and a locking read would check each one again.
      const rows: Array<Record<string, unknown>> = await this.m.query(
        `SELECT ${DUE_COLUMNS.join(', ')} FROM deadlines WHERE status = 'open' AND nextReminderAt <= ?
         ${after ? 'AND nextReminderAt >= ? AND (nextReminderAt > ? OR id > ?)' : ''}
         ORDER BY nextReminderAt, id LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED`,
        after ? [now, after.at, after.at, after.id] : [now],
      );
      return rows.map(dueFromRow);
    }
    const qb = this.m
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .where('d.status = :open', { open: 'open' })
      .andWhere('d.nextReminderAt <= :now', { now });
    if (after) qb.andWhere('(d.nextReminderAt > :at OR (d.nextReminderAt = :at AND d.id > :id))', { at: after.at, id: after.id });
    return qb.orderBy('d.nextReminderAt', 'ASC').addOrderBy('d.id', 'ASC').limit(limit).getMany();
  }

  async storeDecisions(decisions: ReminderDecision[]): Promise<void> {
    if (!decisions.length) return;
    if (!isMysqlFamily(this.m)) {
      for (const u of decisions) {
        await this.m
          .getRepository(DeadlineEntity)
          .update({ id: u.id, dueVersion: u.dueVersion }, { lastLevelSent: u.lastLevelSent, nextReminderAt: u.nextReminderAt, nextLevel: u.nextLevel });
      }
      return;
    }
    // One statement a batch: the decisions as one JSON parameter, read by JSON_TABLE (MySQL 8,
    // MariaDB 10.6+) and joined on (id, dueVersion). A derived table of one SELECT per row cost
    // the server a query block each; a key left out of an object is NULL.
    for (let i = 0; i < decisions.length; i += 5000) {
      const json = JSON.stringify(
        decisions.slice(i, i + 5000).map((u) => ({
          i: u.id,
          v: u.dueVersion,
          ...(u.lastLevelSent ? { l: u.lastLevelSent } : {}),
          ...(u.nextReminderAt ? { a: mysqlTime(u.nextReminderAt) } : {}),
          ...(u.nextLevel ? { n: u.nextLevel } : {}),
        })),
      );
      await this.m.query(
        `UPDATE deadlines d JOIN JSON_TABLE(?, '$[*]' COLUMNS (
           id BIGINT PATH '$.i', v INT PATH '$.v', l VARCHAR(20) PATH '$.l', na DATETIME(3) PATH '$.a', nl VARCHAR(20) PATH '$.n')) x
         ON d.id = x.id AND d.dueVersion = x.v
         SET d.lastLevelSent = x.l, d.nextReminderAt = x.na, d.nextLevel = x.nl`,
        [json],
      );
    }
  }

  async unitDirectory(): Promise<Map<number, { name: string; email: string }>> {
    const rows = await this.m.getRepository(UnitEntity).find({ select: ['id', 'name', 'email'] });
    return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email }]));
  }

  async deskUnitsOf(assignmentIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    // Plain SQL (the sweep's hot path): each assignment with its parent's unit, in one read.
    for (let i = 0; i < assignmentIds.length; i += 1000) {
      const part = assignmentIds.slice(i, i + 1000);
      const rows: Array<{ id: number; unitId: number }> = await this.m.query(
        `SELECT a.id AS id, p.unitId AS unitId FROM assignments a JOIN assignments p ON p.id = a.parentAssignmentId
         WHERE a.id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) out.set(Number(r.id), Number(r.unitId));
    }
    return out;
  }

  async ticketSummaries(ticketIds: number[]): Promise<Map<number, TicketSummary>> {
    const out = new Map<number, TicketSummary>();
    // Plain SQL (the sweep's hot path, as lockDue): primary-key reads; the requester only of a confidential ticket.
    for (let i = 0; i < ticketIds.length; i += 1000) {
      const part = ticketIds.slice(i, i + 1000);
      const rows: SummaryRow[] = await this.m.query(
        `SELECT t.id AS id, t.receivedAt AS receivedAt, t.subject AS subject, substr(t.text, 1, 40) AS excerpt, t.urgency AS urgency,
                t.confidential AS confidential, t.address AS address, t.numberPrefix AS numberPrefix,
                r.name AS rName, r.phone AS rPhone, r.email AS rEmail, r.idNumber AS rIdNumber, r.address AS rAddress
         FROM tickets t LEFT JOIN requesters r ON r.id = t.requesterId AND t.confidential = 1
         WHERE t.id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) {
        const confidential = Boolean(Number(r.confidential));
        out.set(Number(r.id), {
          receivedAt: toDate(r.receivedAt) as Date,
          numberPrefix: r.numberPrefix ?? null,
          subject: r.subject,
          textStart: r.excerpt ?? '',
          urgency: r.urgency,
          confidential,
          personal: confidential
            ? { name: r.rName, phone: r.rPhone, email: r.rEmail, idNumber: r.rIdNumber, address: r.address, otherAddress: r.rAddress }
            : null,
        });
      }
    }
    return out;
  }

  async listOverdue(before: Date, exceptStages: string[]): Promise<OverdueDeadline[]> {
    const qb = this.m
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .innerJoin('tickets', 't', 't.id = d.ticketId')
      .leftJoin('units', 'u', 'u.id = d.unitId')
      .select([
        'd.id AS id',
        'd.ticketId AS ticketId',
        'd.assignmentId AS assignmentId',
        'd.unitId AS unitId',
        'd.stage AS stage',
        'd.dueAt AS dueAt',
        'd.status AS status',
        'd.pausedAt AS pausedAt',
        'd.lastLevelSent AS lastLevelSent',
        't.receivedAt AS receivedAt',
        't.numberPrefix AS numberPrefix',
        'u.name AS unitName',
        'u.email AS unitEmail',
      ])
      .where('d.status = :open', { open: 'open' })
      .andWhere('d.dueAt < :before', { before });
    if (exceptStages.length) qb.andWhere('d.stage NOT IN (:...except)', { except: exceptStages });
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: Number(r.id),
      ticketId: Number(r.ticketId),
      assignmentId: r.assignmentId == null ? null : Number(r.assignmentId),
      ticketReceivedAt: toDate(r.receivedAt) as Date,
      ticketNumberPrefix: (r.numberPrefix as string | null) ?? null,
      unitId: r.unitId == null ? null : Number(r.unitId),
      unitName: (r.unitName as string | null) ?? null,
      unitEmail: (r.unitEmail as string | null) || null,
      stage: String(r.stage),
      dueAt: toDate(r.dueAt) as Date,
      status: String(r.status),
      pausedAt: toDate(r.pausedAt),
      lastLevelSent: (r.lastLevelSent as string | null) ?? null,
    }));
  }
}

const DUE_COLUMNS = [
  'id',
  'ticketId',
  'assignmentId',
  'unitId',
  'stage',
  'basis',
  'startAt',
  'dueAt',
  'status',
  'pausedAt',
  'pausedMs',
  'dueVersion',
  'lastLevelSent',
  'nextReminderAt',
];

function dueFromRow(r: Record<string, unknown>): DueDeadline {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticketId),
    assignmentId: r.assignmentId == null ? null : Number(r.assignmentId),
    unitId: r.unitId == null ? null : Number(r.unitId),
    stage: r.stage as DeadlineEntity['stage'],
    basis: r.basis as DeadlineEntity['basis'],
    startAt: toDate(r.startAt) as Date,
    dueAt: toDate(r.dueAt) as Date,
    status: r.status as DeadlineEntity['status'],
    pausedAt: toDate(r.pausedAt),
    pausedMs: Number(r.pausedMs),
    dueVersion: Number(r.dueVersion),
    lastLevelSent: (r.lastLevelSent as DeadlineEntity['lastLevelSent']) ?? null,
    nextReminderAt: toDate(r.nextReminderAt),
  };
}

/** A UTC time as MySQL/MariaDB read a DATETIME(3) literal (the connection runs in UTC). */
const mysqlTime = (d: Date): string => d.toISOString().slice(0, 23).replace('T', ' ');

/** Raw rows: mysql2 gives Dates, SQLite gives 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export const DEADLINE_SWEEP = repositoryToken<DeadlineSweepRepository>('deadline-sweep', (m) => new TypeOrmDeadlineSweepRepository(m));
