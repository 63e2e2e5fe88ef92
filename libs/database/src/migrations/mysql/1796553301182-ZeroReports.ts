import { MigrationInterface, QueryRunner } from 'typeorm';

export class ZeroReports1796553301182 implements MigrationInterface {
  name = 'ZeroReports1796553301182';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`zero_reports\` (\`id\` int NOT NULL AUTO_INCREMENT, \`unitId\` int NOT NULL, \`periodKey\` varchar(10) NOT NULL, \`confirmedAt\` datetime(3) NOT NULL, \`confirmedById\` int NULL, \`confirmedByName\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_zero_report_period\` (\`periodKey\`), UNIQUE INDEX \`ux_zero_report_unit_period\` (\`unitId\`, \`periodKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ux_zero_report_unit_period\` ON \`zero_reports\``);
    await q.query(`DROP INDEX \`ix_zero_report_period\` ON \`zero_reports\``);
    await q.query(`DROP TABLE \`zero_reports\``);
  }
}
