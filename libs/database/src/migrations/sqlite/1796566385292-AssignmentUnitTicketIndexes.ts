import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #17: a unit user's scope and the lists' unit filters read a unit's tickets, and a ticket's units, from an index alone. */
export class AssignmentUnitTicketIndexes1796566385292 implements MigrationInterface {
  name = 'AssignmentUnitTicketIndexes1796566385292';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_assignment_ticket"`);
    await q.query(`CREATE INDEX "ix_assignment_ticket" ON "assignments" ("ticketId", "unitId", "status") `);
    await q.query(`CREATE INDEX "ix_assignment_unit_ticket" ON "assignments" ("unitId", "ticketId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_assignment_unit_ticket"`);
    await q.query(`DROP INDEX "ix_assignment_ticket"`);
    await q.query(`CREATE INDEX "ix_assignment_ticket" ON "assignments" ("ticketId") `);
  }
}
