import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds columns in place (a generated table rebuild would drop columns other branches add).
/** Issue #21: the unit hierarchy (parent, tier, desk) and 二级派单 (an assignment below a desk unit's). */
export class UnitTiers1796553186243 implements MigrationInterface {
  name = 'UnitTiers1796553186243';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "units" ADD COLUMN "parentId" integer`);
    await q.query(`ALTER TABLE "units" ADD COLUMN "tier" varchar(16)`);
    await q.query(`ALTER TABLE "units" ADD COLUMN "desk" boolean NOT NULL DEFAULT (0)`);
    await q.query(`ALTER TABLE "assignments" ADD COLUMN "parentAssignmentId" integer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignments" DROP COLUMN "parentAssignmentId"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "desk"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "tier"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "parentId"`);
  }
}
