import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeaderCase1796545593220 implements MigrationInterface {
  name = 'LeaderCase1796545593220';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` ADD \`leaderId\` int NULL`);
    await q.query(`CREATE INDEX \`ix_ticket_leader\` ON \`tickets\` (\`leaderId\`, \`status\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_ticket_leader\` ON \`tickets\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`leaderId\``);
  }
}
