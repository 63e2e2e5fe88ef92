import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #21: narrow indexes the scope predicate reads (a count over a district's tickets scans them, not the table rows). */
export class ScopeIndexes1796567250570 implements MigrationInterface {
  name = 'ScopeIndexes1796567250570';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_ticket_scope" ON "tickets" ("deskUnitId", "region", "dispatchedAt") `);
    await q.query(`CREATE INDEX "ix_assignment_unit_ticket" ON "assignments" ("unitId", "ticketId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_assignment_unit_ticket"`);
    await q.query(`DROP INDEX "ix_ticket_scope"`);
  }
}
