import { MigrationInterface, QueryRunner } from 'typeorm';

/** The knowledge base (entries, their versions, an FTS5 table over the entries' words kept by triggers) and canned replies. */
export class KnowledgeBase1796543341983 implements MigrationInterface {
  name = 'KnowledgeBase1796543341983';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "canned_replies" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "category" varchar(100), "title" varchar(100) NOT NULL, "text" text NOT NULL, "updatedBy" varchar(100), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "ix_canned_kind_category" ON "canned_replies" ("kind", "category") `);
    await q.query(`CREATE TABLE "knowledge_entries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "questions" text, "answer" text NOT NULL, "category" varchar(100), "unitId" integer, "validFrom" datetime(3), "validTo" datetime(3), "status" varchar(12) NOT NULL, "sourceUrl" varchar(500), "version" integer NOT NULL DEFAULT (1), "answerCount" integer NOT NULL DEFAULT (0), "expiryNoticeAt" datetime(3), "words" text NOT NULL, "updatedBy" varchar(100), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "ix_knowledge_unit" ON "knowledge_entries" ("unitId") `);
    await q.query(`CREATE INDEX "ix_knowledge_status_valid" ON "knowledge_entries" ("status", "validTo") `);
    await q.query(`CREATE TABLE "knowledge_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "entryId" integer NOT NULL, "version" integer NOT NULL, "snapshot" text NOT NULL, "actorName" varchar(100), "at" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_knowledge_version" ON "knowledge_versions" ("entryId", "version") `);
    await q.query(`CREATE VIRTUAL TABLE "knowledge_fts" USING fts5(words, content='knowledge_entries', content_rowid='id')`);
    await q.query(`CREATE TRIGGER "knowledge_ai" AFTER INSERT ON "knowledge_entries" BEGIN INSERT INTO knowledge_fts(rowid, words) VALUES (new.id, new.words); END`);
    await q.query(
      `CREATE TRIGGER "knowledge_ad" AFTER DELETE ON "knowledge_entries" BEGIN INSERT INTO knowledge_fts(knowledge_fts, rowid, words) VALUES ('delete', old.id, old.words); END`,
    );
    await q.query(
      `CREATE TRIGGER "knowledge_au" AFTER UPDATE OF words ON "knowledge_entries" BEGIN INSERT INTO knowledge_fts(knowledge_fts, rowid, words) VALUES ('delete', old.id, old.words); INSERT INTO knowledge_fts(rowid, words) VALUES (new.id, new.words); END`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "knowledge_au"`);
    await q.query(`DROP TRIGGER "knowledge_ad"`);
    await q.query(`DROP TRIGGER "knowledge_ai"`);
    await q.query(`DROP TABLE "knowledge_fts"`);
    await q.query(`DROP INDEX "uq_knowledge_version"`);
    await q.query(`DROP TABLE "knowledge_versions"`);
    await q.query(`DROP INDEX "ix_knowledge_status_valid"`);
    await q.query(`DROP INDEX "ix_knowledge_unit"`);
    await q.query(`DROP TABLE "knowledge_entries"`);
    await q.query(`DROP INDEX "ix_canned_kind_category"`);
    await q.query(`DROP TABLE "canned_replies"`);
  }
}
