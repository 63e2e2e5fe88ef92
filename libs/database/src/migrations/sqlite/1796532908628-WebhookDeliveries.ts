import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDeliveries1796532908628 implements MigrationInterface {
  name = 'WebhookDeliveries1796532908628';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "webhook_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" integer NOT NULL, "endpoint" varchar(60) NOT NULL, "ticketId" integer NOT NULL, "eventType" varchar(32) NOT NULL, "status" varchar(12) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime(3), "lastStatusCode" integer, "lastError" text, "body" text, "deliveredAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "ix_webhook_status" ON "webhook_deliveries" ("status", "nextAttemptAt") `);
    await q.query(`CREATE INDEX "ix_webhook_order" ON "webhook_deliveries" ("endpoint", "ticketId", "eventId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_webhook_event_endpoint" ON "webhook_deliveries" ("eventId", "endpoint") `);
    await q.query(`CREATE TABLE "webhook_endpoints" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "events" text NOT NULL, "active" boolean NOT NULL DEFAULT (1), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_6ed65bf786f6a14e59873fb7e04" UNIQUE ("name"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_endpoints"`);
    await q.query(`DROP INDEX "uq_webhook_event_endpoint"`);
    await q.query(`DROP INDEX "ix_webhook_order"`);
    await q.query(`DROP INDEX "ix_webhook_status"`);
    await q.query(`DROP TABLE "webhook_deliveries"`);
  }
}
