import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupervisionOrders1796542267632 implements MigrationInterface {
  name = 'SupervisionOrders1796542267632';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "supervision_orders" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ticketId" integer NOT NULL, "unitId" integer NOT NULL, "deadlineId" integer, "batchKey" varchar(40), "level" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "reason" text NOT NULL, "instructions" text NOT NULL, "issuedAt" datetime(3) NOT NULL, "dueAt" datetime(3) NOT NULL, "issuedById" integer, "issuedByName" varchar(100) NOT NULL, "answerText" text, "answeredAt" datetime(3), "answeredByName" varchar(100), "reportedAt" datetime(3), "withdrawnAt" datetime(3), "withdrawReason" text, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "ix_supervision_deadline" ON "supervision_orders" ("deadlineId") `);
    await q.query(`CREATE INDEX "ix_supervision_issued" ON "supervision_orders" ("issuedAt") `);
    await q.query(`CREATE INDEX "ix_supervision_ticket" ON "supervision_orders" ("ticketId") `);
    await q.query(`CREATE INDEX "ix_supervision_unit" ON "supervision_orders" ("unitId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_supervision_unit"`);
    await q.query(`DROP INDEX "ix_supervision_ticket"`);
    await q.query(`DROP INDEX "ix_supervision_issued"`);
    await q.query(`DROP INDEX "ix_supervision_deadline"`);
    await q.query(`DROP TABLE "supervision_orders"`);
  }
}
