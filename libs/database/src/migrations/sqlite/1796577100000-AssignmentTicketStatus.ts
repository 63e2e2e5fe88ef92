import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #21: each assignment carries its ticket's status (assignments.ticketStatus), kept by
 * triggers (see the MariaDB migration of the same name). A later migration that rebuilds
 * `assignments` or `tickets` (a temporary table renamed over it) drops these triggers with the old
 * table and must create them again.
 */
export class AssignmentTicketStatus1796577100000 implements MigrationInterface {
  name = 'AssignmentTicketStatus1796577100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignments" ADD COLUMN "ticketStatus" varchar(24)`);
    await q.query(`UPDATE "assignments" SET "ticketStatus" = (SELECT t."status" FROM "tickets" t WHERE t."id" = "assignments"."ticketId")`);
    await q.query(`CREATE INDEX "ix_assignment_unit_ticket_status" ON "assignments" ("unitId", "ticketStatus", "ticketId") `);
    await q.query(
      `CREATE TRIGGER "assignment_ticket_status_ai" AFTER INSERT ON "assignments" BEGIN UPDATE "assignments" SET "ticketStatus" = (SELECT t."status" FROM "tickets" t WHERE t."id" = NEW."ticketId") WHERE "id" = NEW."id"; END`,
    );
    await q.query(
      `CREATE TRIGGER "ticket_status_au" AFTER UPDATE OF "status" ON "tickets" WHEN NEW."status" IS NOT OLD."status" BEGIN UPDATE "assignments" SET "ticketStatus" = NEW."status" WHERE "ticketId" = NEW."id"; END`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "ticket_status_au"`);
    await q.query(`DROP TRIGGER "assignment_ticket_status_ai"`);
    await q.query(`DROP INDEX "ix_assignment_unit_ticket_status"`);
    await q.query(`ALTER TABLE "assignments" DROP COLUMN "ticketStatus"`);
  }
}
