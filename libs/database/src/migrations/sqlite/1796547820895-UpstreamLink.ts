import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand from the generated one: SQLite adds a nullable column in place, so the tickets
// table is not rebuilt (the generator copies every row into a new table).
export class UpstreamLink1796547820895 implements MigrationInterface {
  name = 'UpstreamLink1796547820895';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "upstream_cursors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "upstream" varchar(40) NOT NULL, "cursor" text, "lastPullAt" datetime(3), "lastSuccessAt" datetime(3), "lastError" text, "consecutiveFailures" integer NOT NULL DEFAULT (0), "pulled" integer NOT NULL DEFAULT (0), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_1cc6b5953c31894eedba9a939b7" UNIQUE ("upstream"))`);
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "externalDueAt" datetime(3)`);
    await q.query(`ALTER TABLE "webhook_endpoints" ADD COLUMN "sourceName" varchar(100)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_endpoints" DROP COLUMN "sourceName"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "externalDueAt"`);
    await q.query(`DROP TABLE "upstream_cursors"`);
  }
}
