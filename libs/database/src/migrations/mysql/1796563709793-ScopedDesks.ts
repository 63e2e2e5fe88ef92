import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #21: scoped operators and supervisors (users.scopeUnitId), the regions a unit serves, the desk whose triage holds a ticket. */
export class ScopedDesks1796563709793 implements MigrationInterface {
  name = 'ScopedDesks1796563709793';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`users\` ADD \`scopeUnitId\` int NULL`);
    await q.query(`ALTER TABLE \`units\` ADD \`regions\` text NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`deskUnitId\` int NULL`);
    await q.query(`CREATE INDEX \`ix_ticket_desk\` ON \`tickets\` (\`deskUnitId\`, \`status\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_ticket_desk\` ON \`tickets\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`deskUnitId\``);
    await q.query(`ALTER TABLE \`units\` DROP COLUMN \`regions\``);
    await q.query(`ALTER TABLE \`users\` DROP COLUMN \`scopeUnitId\``);
  }
}
