import type { EntityManager } from 'typeorm';
import { DeadlineEntity, MailboxStateEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** What /health and /metrics read. */
export interface HealthRepository {
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  mailboxStates(): Promise<MailboxStateEntity[]>;
  ticketCountsByStatus(): Promise<Array<{ status: string; n: number }>>;
  /** Whether there is any ticket at all. */
  hasTickets(): Promise<boolean>;
  /** Tickets with an open, running deadline past due at `now`, by stage (a ticket late at two stages counts in each), and in all. */
  overdueTickets(now: Date): Promise<{ total: number; byStage: Array<{ stage: string; n: number }> }>;
  /** Per source, its newest ticket: when it was received (at the source) and when the hub took it in. */
  newestIntakePerSource(): Promise<Array<{ source: string; receivedAt: Date; createdAt: Date }>>;
}

export class TypeOrmHealthRepository implements HealthRepository {
  constructor(private readonly m: EntityManager) {}

  async ping(): Promise<void> {
    await this.m.query('SELECT 1');
  }

  mailboxStates(): Promise<MailboxStateEntity[]> {
    return this.m.getRepository(MailboxStateEntity).find();
  }

  async ticketCountsByStatus(): Promise<Array<{ status: string; n: number }>> {
    const rows: Array<{ status: string; n: number | string }> = await this.m.query('SELECT status, COUNT(*) AS n FROM tickets GROUP BY status');
    return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
  }

  async hasTickets(): Promise<boolean> {
    return (await this.m.query('SELECT 1 AS one FROM tickets LIMIT 1')).length > 0;
  }

  async overdueTickets(now: Date): Promise<{ total: number; byStage: Array<{ stage: string; n: number }> }> {
    const late = () =>
      this.m.getRepository(DeadlineEntity).createQueryBuilder('d').where("d.status = 'open' AND d.pausedAt IS NULL AND d.dueAt < :now", { now });
    const total = await late().select('COUNT(DISTINCT d.ticketId)', 'n').getRawOne<{ n: number | string }>();
    const rows = await late()
      .select('d.stage', 'stage')
      .addSelect('COUNT(DISTINCT d.ticketId)', 'n')
      .groupBy('d.stage')
      .getRawMany<{ stage: string; n: number | string }>();
    return { total: Number(total?.n ?? 0), byStage: rows.map((r) => ({ stage: r.stage, n: Number(r.n) })) };
  }

  async newestIntakePerSource(): Promise<Array<{ source: string; receivedAt: Date; createdAt: Date }>> {
    // MAX(id) per source reads the (sourceId, externalId) index; then one row per source.
    const rows: Array<{ source: string; receivedAt: Date | string; createdAt: Date | string }> = await this.m.query(
      `SELECT s.name AS source, t.receivedAt AS receivedAt, t.createdAt AS createdAt
         FROM (SELECT sourceId, MAX(id) AS id FROM tickets GROUP BY sourceId) n
         JOIN tickets t ON t.id = n.id JOIN sources s ON s.id = n.sourceId`,
    );
    return rows.map((r) => ({ source: r.source, receivedAt: asDate(r.receivedAt), createdAt: asDate(r.createdAt) }));
  }
}

/** A datetime as a raw query returns it: a Date (MySQL) or a UTC 'YYYY-MM-DD HH:MM:SS' string (SQLite). */
function asDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

export const HEALTH = repositoryToken<HealthRepository>('health', (m) => new TypeOrmHealthRepository(m));
