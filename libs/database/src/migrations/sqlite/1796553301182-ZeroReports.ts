import { MigrationInterface, QueryRunner } from 'typeorm';

export class ZeroReports1796553301182 implements MigrationInterface {
  name = 'ZeroReports1796553301182';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "zero_reports" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unitId" integer NOT NULL, "periodKey" varchar(10) NOT NULL, "confirmedAt" datetime(3) NOT NULL, "confirmedById" integer, "confirmedByName" varchar(100) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "ix_zero_report_period" ON "zero_reports" ("periodKey") `);
    await q.query(`CREATE UNIQUE INDEX "ux_zero_report_unit_period" ON "zero_reports" ("unitId", "periodKey") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ux_zero_report_unit_period"`);
    await q.query(`DROP INDEX "ix_zero_report_period"`);
    await q.query(`DROP TABLE "zero_reports"`);
  }
}
