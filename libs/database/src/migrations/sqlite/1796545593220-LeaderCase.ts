import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuilds tickets to add leaderId, carrying every column over, lookupCodeHash (CitizenAccess) included:
 * the first version of this migration left it out and dropped the 查询码 hashes (RestoreLookupCodeHash repairs those databases).
 */
export class LeaderCase1796545593220 implements MigrationInterface {
  name = 'LeaderCase1796545593220';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_overdue"`);
    await q.query(`DROP INDEX "uq_ticket_source_external"`);
    await q.query(`DROP INDEX "ix_ticket_status_received"`);
    await q.query(`DROP INDEX "ix_ticket_received"`);
    await q.query(`DROP INDEX "ix_ticket_unit_status"`);
    await q.query(`DROP INDEX "ix_ticket_category"`);
    await q.query(`DROP INDEX "ix_ticket_requester"`);
    await q.query(`DROP INDEX "ix_ticket_updated"`);
    await q.query(`CREATE TABLE "temporary_tickets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sourceId" integer NOT NULL, "channel" varchar(16) NOT NULL, "externalId" varchar(128), "status" varchar(24) NOT NULL, "subject" varchar(500), "text" text NOT NULL, "address" varchar(500), "receivedAt" datetime(3) NOT NULL, "category" varchar(100), "region" varchar(50), "urgency" varchar(10) NOT NULL DEFAULT ('normal'), "disposition" varchar(24), "leadUnitId" integer, "requesterId" integer, "confidential" boolean NOT NULL DEFAULT (0), "mergedIntoId" integer, "clusterId" integer, "repeatCount" integer NOT NULL DEFAULT (0), "classification" text, "dispatchedAt" datetime(3), "acknowledgedAt" datetime(3), "repliedAt" datetime(3), "replyDueAt" datetime(3), "surveyedAt" datetime(3), "closedAt" datetime(3), "outcome" varchar(24), "rating" varchar(8), "returnCount" integer NOT NULL DEFAULT (0), "extensionCount" integer NOT NULL DEFAULT (0), "reopenCount" integer NOT NULL DEFAULT (0), "imported" boolean NOT NULL DEFAULT (0), "messageId" varchar(500), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "version" integer NOT NULL DEFAULT (1), "lookupCodeHash" varchar(64), "leaderId" integer)`);
    await q.query(`INSERT INTO "temporary_tickets"("id", "sourceId", "channel", "externalId", "status", "subject", "text", "address", "receivedAt", "category", "region", "urgency", "disposition", "leadUnitId", "requesterId", "confidential", "mergedIntoId", "clusterId", "repeatCount", "classification", "dispatchedAt", "acknowledgedAt", "repliedAt", "replyDueAt", "surveyedAt", "closedAt", "outcome", "rating", "returnCount", "extensionCount", "reopenCount", "imported", "messageId", "createdAt", "updatedAt", "version", "lookupCodeHash") SELECT "id", "sourceId", "channel", "externalId", "status", "subject", "text", "address", "receivedAt", "category", "region", "urgency", "disposition", "leadUnitId", "requesterId", "confidential", "mergedIntoId", "clusterId", "repeatCount", "classification", "dispatchedAt", "acknowledgedAt", "repliedAt", "replyDueAt", "surveyedAt", "closedAt", "outcome", "rating", "returnCount", "extensionCount", "reopenCount", "imported", "messageId", "createdAt", "updatedAt", "version", "lookupCodeHash" FROM "tickets"`);
    await q.query(`DROP TABLE "tickets"`);
    await q.query(`ALTER TABLE "temporary_tickets" RENAME TO "tickets"`);
    await q.query(`CREATE INDEX "ix_ticket_overdue" ON "tickets" ("repliedAt", "status", "receivedAt", "disposition", "replyDueAt", "leadUnitId", "channel", "sourceId", "category", "region") `);
    await q.query(`CREATE UNIQUE INDEX "uq_ticket_source_external" ON "tickets" ("sourceId", "externalId") `);
    await q.query(`CREATE INDEX "ix_ticket_status_received" ON "tickets" ("status", "receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_received" ON "tickets" ("receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_unit_status" ON "tickets" ("leadUnitId", "status") `);
    await q.query(`CREATE INDEX "ix_ticket_category" ON "tickets" ("category", "receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_requester" ON "tickets" ("requesterId", "receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_updated" ON "tickets" ("updatedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_leader" ON "tickets" ("leaderId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_leader"`);
    await q.query(`DROP INDEX "ix_ticket_updated"`);
    await q.query(`DROP INDEX "ix_ticket_requester"`);
    await q.query(`DROP INDEX "ix_ticket_category"`);
    await q.query(`DROP INDEX "ix_ticket_unit_status"`);
    await q.query(`DROP INDEX "ix_ticket_received"`);
    await q.query(`DROP INDEX "ix_ticket_status_received"`);
    await q.query(`DROP INDEX "uq_ticket_source_external"`);
    await q.query(`DROP INDEX "ix_ticket_overdue"`);
    await q.query(`ALTER TABLE "tickets" RENAME TO "temporary_tickets"`);
    await q.query(`CREATE TABLE "tickets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sourceId" integer NOT NULL, "channel" varchar(16) NOT NULL, "externalId" varchar(128), "status" varchar(24) NOT NULL, "subject" varchar(500), "text" text NOT NULL, "address" varchar(500), "receivedAt" datetime(3) NOT NULL, "category" varchar(100), "region" varchar(50), "urgency" varchar(10) NOT NULL DEFAULT ('normal'), "disposition" varchar(24), "leadUnitId" integer, "requesterId" integer, "confidential" boolean NOT NULL DEFAULT (0), "mergedIntoId" integer, "clusterId" integer, "repeatCount" integer NOT NULL DEFAULT (0), "classification" text, "dispatchedAt" datetime(3), "acknowledgedAt" datetime(3), "repliedAt" datetime(3), "replyDueAt" datetime(3), "surveyedAt" datetime(3), "closedAt" datetime(3), "outcome" varchar(24), "rating" varchar(8), "returnCount" integer NOT NULL DEFAULT (0), "extensionCount" integer NOT NULL DEFAULT (0), "reopenCount" integer NOT NULL DEFAULT (0), "imported" boolean NOT NULL DEFAULT (0), "messageId" varchar(500), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "version" integer NOT NULL DEFAULT (1), "lookupCodeHash" varchar(64))`);
    await q.query(`INSERT INTO "tickets"("id", "sourceId", "channel", "externalId", "status", "subject", "text", "address", "receivedAt", "category", "region", "urgency", "disposition", "leadUnitId", "requesterId", "confidential", "mergedIntoId", "clusterId", "repeatCount", "classification", "dispatchedAt", "acknowledgedAt", "repliedAt", "replyDueAt", "surveyedAt", "closedAt", "outcome", "rating", "returnCount", "extensionCount", "reopenCount", "imported", "messageId", "createdAt", "updatedAt", "version", "lookupCodeHash") SELECT "id", "sourceId", "channel", "externalId", "status", "subject", "text", "address", "receivedAt", "category", "region", "urgency", "disposition", "leadUnitId", "requesterId", "confidential", "mergedIntoId", "clusterId", "repeatCount", "classification", "dispatchedAt", "acknowledgedAt", "repliedAt", "replyDueAt", "surveyedAt", "closedAt", "outcome", "rating", "returnCount", "extensionCount", "reopenCount", "imported", "messageId", "createdAt", "updatedAt", "version", "lookupCodeHash" FROM "temporary_tickets"`);
    await q.query(`DROP TABLE "temporary_tickets"`);
    await q.query(`CREATE INDEX "ix_ticket_updated" ON "tickets" ("updatedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_requester" ON "tickets" ("requesterId", "receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_category" ON "tickets" ("category", "receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_unit_status" ON "tickets" ("leadUnitId", "status") `);
    await q.query(`CREATE INDEX "ix_ticket_received" ON "tickets" ("receivedAt") `);
    await q.query(`CREATE INDEX "ix_ticket_status_received" ON "tickets" ("status", "receivedAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_ticket_source_external" ON "tickets" ("sourceId", "externalId") `);
    await q.query(`CREATE INDEX "ix_ticket_overdue" ON "tickets" ("repliedAt", "status", "receivedAt", "disposition", "replyDueAt", "leadUnitId", "channel", "sourceId", "category", "region") `);
  }
}
