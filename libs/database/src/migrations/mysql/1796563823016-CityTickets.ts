import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #21: several cities in one installation (a ticket's city, its number prefix, the number it had before 转交地市). */
export class CityTickets1796563823016 implements MigrationInterface {
  name = 'CityTickets1796563823016';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` ADD \`cityUnitId\` int NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`numberPrefix\` varchar(8) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`formerNumber\` varchar(40) NULL`);
    await q.query(`CREATE INDEX \`ix_ticket_city\` ON \`tickets\` (\`cityUnitId\`, \`receivedAt\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_ticket_city\` ON \`tickets\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`formerNumber\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`numberPrefix\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`cityUnitId\``);
  }
}
