import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineOpenDueIndex1795946814469 implements MigrationInterface {
  name = 'DeadlineOpenDueIndex1795946814469';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_deadline_open_due" ON "deadlines" ("status", "dueAt") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_deadline_open_due"`);
  }
}
