import { MigrationInterface, QueryRunner } from 'typeorm';

export class CitizenAccess1796542268345 implements MigrationInterface {
  name = 'CitizenAccess1796542268345';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`survey_links\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticketId\` int NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`answeredAt\` datetime(3) NULL, \`contacted\` varchar(4) NULL, \`resolved\` varchar(4) NULL, \`rating\` varchar(8) NULL, \`comment\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_survey_link_ticket\` (\`ticketId\`), UNIQUE INDEX \`IDX_c6700cb1b2d1e7f392f3204cbd\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`lookupCodeHash\` varchar(64) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`lookupCodeHash\``);
    await q.query(`DROP INDEX \`IDX_c6700cb1b2d1e7f392f3204cbd\` ON \`survey_links\``);
    await q.query(`DROP INDEX \`ix_survey_link_ticket\` ON \`survey_links\``);
    await q.query(`DROP TABLE \`survey_links\``);
  }
}
