import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds nullable columns in place (a generated table rebuild would drop columns other branches add).
/** Issue #21: scoped operators and supervisors (users.scopeUnitId), the regions a unit serves, the desk whose triage holds a ticket. */
export class ScopedDesks1796563709793 implements MigrationInterface {
  name = 'ScopedDesks1796563709793';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD COLUMN "scopeUnitId" integer`);
    await q.query(`ALTER TABLE "units" ADD COLUMN "regions" text`);
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "deskUnitId" integer`);
    await q.query(`CREATE INDEX "ix_ticket_desk" ON "tickets" ("deskUnitId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_desk"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "deskUnitId"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "regions"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "scopeUnitId"`);
  }
}
