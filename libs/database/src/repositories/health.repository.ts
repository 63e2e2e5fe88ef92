import type { EntityManager } from 'typeorm';
import { MailboxStateEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** What /health and /metrics read. */
export interface HealthRepository {
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  mailboxStates(): Promise<MailboxStateEntity[]>;
  ticketCountsByStatus(): Promise<Array<{ status: string; n: number }>>;
  /** Whether there is any ticket at all. */
  hasTickets(): Promise<boolean>;
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
}

export const HEALTH = repositoryToken<HealthRepository>('health', (m) => new TypeOrmHealthRepository(m));
