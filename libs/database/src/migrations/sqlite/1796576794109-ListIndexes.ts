import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17: the lists' filters and orders read from indexes alone (a page's ids, then its rows): the
 * active assignments of 办理中/待签收, 工单查询 by region and category, a status list by category, the
 * newest first; each with the desk column a unit user's scope tests.
 */
export class ListIndexes1796576794109 implements MigrationInterface {
  name = 'ListIndexes1796576794109';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_list_assignment_active" ON "assignments" ("status", "ticketId", "unitId", "acknowledgedAt", "repliedAt") `);
    await q.query(`CREATE INDEX "ix_list_region_category" ON "tickets" ("region", "category", "receivedAt", "deskUnitId") `);
    await q.query(`CREATE INDEX "ix_list_received_desk" ON "tickets" ("receivedAt", "deskUnitId") `);
    await q.query(`CREATE INDEX "ix_list_status_category" ON "tickets" ("status", "category", "receivedAt", "deskUnitId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_list_received_desk"`);
    await q.query(`DROP INDEX "ix_list_status_category"`);
    await q.query(`DROP INDEX "ix_list_region_category"`);
    await q.query(`DROP INDEX "ix_list_assignment_active"`);
  }
}
