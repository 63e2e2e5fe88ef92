import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketOverdueIndex1795943009879 implements MigrationInterface {
  name = 'TicketOverdueIndex1795943009879';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_ticket_overdue" ON "tickets" ("repliedAt", "status", "receivedAt", "disposition", "replyDueAt", "leadUnitId", "channel", "sourceId", "category", "region") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_overdue"`);
  }
}
