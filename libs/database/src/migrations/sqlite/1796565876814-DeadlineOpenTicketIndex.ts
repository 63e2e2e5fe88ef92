import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #17: the lists sorted by due time or lateness read open deadlines per ticket from one index (no deadline row read). */
export class DeadlineOpenTicketIndex1796565876814 implements MigrationInterface {
  name = 'DeadlineOpenTicketIndex1796565876814';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_deadline_open_ticket" ON "deadlines" ("status", "ticketId", "pausedAt", "dueAt", "unitId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_deadline_open_ticket"`);
  }
}
