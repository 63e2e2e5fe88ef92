import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #21: the unit hierarchy (parent, tier, desk) and 二级派单 (an assignment below a desk unit's). */
export class UnitTiers1796553186243 implements MigrationInterface {
  name = 'UnitTiers1796553186243';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`units\` ADD \`parentId\` int NULL`);
    await q.query(`ALTER TABLE \`units\` ADD \`tier\` varchar(16) NULL`);
    await q.query(`ALTER TABLE \`units\` ADD \`desk\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`assignments\` ADD \`parentAssignmentId\` int NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`assignments\` DROP COLUMN \`parentAssignmentId\``);
    await q.query(`ALTER TABLE \`units\` DROP COLUMN \`desk\``);
    await q.query(`ALTER TABLE \`units\` DROP COLUMN \`tier\``);
    await q.query(`ALTER TABLE \`units\` DROP COLUMN \`parentId\``);
  }
}
