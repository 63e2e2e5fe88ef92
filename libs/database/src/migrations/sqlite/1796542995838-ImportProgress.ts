import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportProgress1796542995838 implements MigrationInterface {
  name = 'ImportProgress1796542995838';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_import_source"`);
    await q.query(`CREATE TABLE "temporary_import_files" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "sourceName" varchar(100) NOT NULL, "fileName" varchar(300) NOT NULL, "archivePath" varchar(300) NOT NULL, "sha256" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "rows" integer NOT NULL DEFAULT (0), "imported" integer NOT NULL DEFAULT (0), "duplicates" integer NOT NULL DEFAULT (0), "rejected" integer NOT NULL DEFAULT (0), "rejectsPath" varchar(300), "error" text, "finishedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "progressAt" datetime(3))`);
    await q.query(`INSERT INTO "temporary_import_files"("id", "kind", "sourceName", "fileName", "archivePath", "sha256", "status", "rows", "imported", "duplicates", "rejected", "rejectsPath", "error", "finishedAt", "createdAt") SELECT "id", "kind", "sourceName", "fileName", "archivePath", "sha256", "status", "rows", "imported", "duplicates", "rejected", "rejectsPath", "error", "finishedAt", "createdAt" FROM "import_files"`);
    await q.query(`DROP TABLE "import_files"`);
    await q.query(`ALTER TABLE "temporary_import_files" RENAME TO "import_files"`);
    await q.query(`CREATE INDEX "ix_import_source" ON "import_files" ("sourceName", "createdAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_import_source"`);
    await q.query(`ALTER TABLE "import_files" RENAME TO "temporary_import_files"`);
    await q.query(`CREATE TABLE "import_files" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "sourceName" varchar(100) NOT NULL, "fileName" varchar(300) NOT NULL, "archivePath" varchar(300) NOT NULL, "sha256" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "rows" integer NOT NULL DEFAULT (0), "imported" integer NOT NULL DEFAULT (0), "duplicates" integer NOT NULL DEFAULT (0), "rejected" integer NOT NULL DEFAULT (0), "rejectsPath" varchar(300), "error" text, "finishedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`INSERT INTO "import_files"("id", "kind", "sourceName", "fileName", "archivePath", "sha256", "status", "rows", "imported", "duplicates", "rejected", "rejectsPath", "error", "finishedAt", "createdAt") SELECT "id", "kind", "sourceName", "fileName", "archivePath", "sha256", "status", "rows", "imported", "duplicates", "rejected", "rejectsPath", "error", "finishedAt", "createdAt" FROM "temporary_import_files"`);
    await q.query(`DROP TABLE "temporary_import_files"`);
    await q.query(`CREATE INDEX "ix_import_source" ON "import_files" ("sourceName", "createdAt") `);
  }
}
