import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutgoingSms1796532901347 implements MigrationInterface {
  name = 'OutgoingSms1796532901347';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outgoing_sms" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dedupeKey" varchar(150) NOT NULL, "kind" varchar(16) NOT NULL, "phone" varchar(24) NOT NULL, "text" text NOT NULL, "ticketId" integer, "urgent" boolean NOT NULL DEFAULT (0), "essential" boolean NOT NULL DEFAULT (0), "status" varchar(12) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "nextAttemptAt" datetime(3), "sentAt" datetime(3), "segments" integer NOT NULL DEFAULT (0), "segmentsDelivered" integer NOT NULL DEFAULT (0), "deliveryStatus" varchar(16), "deliveredAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_55f35a2c1d4254939129659b219" UNIQUE ("dedupeKey"))`);
    await q.query(`CREATE INDEX "ix_sms_ticket" ON "outgoing_sms" ("ticketId") `);
    await q.query(`CREATE INDEX "ix_sms_status" ON "outgoing_sms" ("status", "nextAttemptAt") `);
    await q.query(`CREATE TABLE "sms_opt_outs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "phone" varchar(24) NOT NULL, "via" varchar(16) NOT NULL, "text" varchar(200), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_14dd9fd7ec736f4ce6420ce28da" UNIQUE ("phone"))`);
    await q.query(`CREATE TABLE "sms_segments" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "smsId" integer NOT NULL, "seq" integer NOT NULL, "providerMessageId" varchar(100) NOT NULL, "status" varchar(16), "doneAt" datetime(3), CONSTRAINT "UQ_514e5baf259f2376771ffa22839" UNIQUE ("providerMessageId"))`);
    await q.query(`CREATE INDEX "ix_sms_segment_sms" ON "sms_segments" ("smsId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_sms_segment_sms"`);
    await q.query(`DROP TABLE "sms_segments"`);
    await q.query(`DROP TABLE "sms_opt_outs"`);
    await q.query(`DROP INDEX "ix_sms_status"`);
    await q.query(`DROP INDEX "ix_sms_ticket"`);
    await q.query(`DROP TABLE "outgoing_sms"`);
  }
}
