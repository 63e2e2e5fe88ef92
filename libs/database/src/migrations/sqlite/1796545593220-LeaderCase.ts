import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds a nullable column in place. (The generated migration rebuilt the
// tickets table from the entity as its branch knew it, dropping columns other migrations had added.)
export class LeaderCase1796545593220 implements MigrationInterface {
  name = 'LeaderCase1796545593220';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "leaderId" integer`);
    await q.query(`CREATE INDEX "ix_ticket_leader" ON "tickets" ("leaderId", "status") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_ticket_leader"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "leaderId"`);
  }
}
