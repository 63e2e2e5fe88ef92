import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds columns in place (a generated table rebuild would drop columns other branches add).
/** Issue #21: several cities in one installation (a ticket's city, its number prefix, the number it had before 转交地市). */
export class CityTickets1796563823016 implements MigrationInterface {
  name = 'CityTickets1796563823016';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "cityUnitId" integer`);
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "numberPrefix" varchar(8)`);
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "formerNumber" varchar(40)`);
    await q.query(`CREATE INDEX "ix_ticket_city" ON "tickets" ("cityUnitId", "receivedAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_city"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "formerNumber"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "numberPrefix"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "cityUnitId"`);
  }
}
