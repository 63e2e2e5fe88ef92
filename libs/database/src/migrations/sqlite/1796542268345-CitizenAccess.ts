import { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite adds the column in place (no copy of the tickets table, which may be large). */
export class CitizenAccess1796542268345 implements MigrationInterface {
  name = 'CitizenAccess1796542268345';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "survey_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ticketId" integer NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "answeredAt" datetime(3), "contacted" varchar(4), "resolved" varchar(4), "rating" varchar(8), "comment" text, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_c6700cb1b2d1e7f392f3204cbd8" UNIQUE ("tokenHash"))`);
    await q.query(`CREATE INDEX "ix_survey_link_ticket" ON "survey_links" ("ticketId") `);
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "lookupCodeHash" varchar(64)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "lookupCodeHash"`);
    await q.query(`DROP INDEX "ix_survey_link_ticket"`);
    await q.query(`DROP TABLE "survey_links"`);
  }
}
