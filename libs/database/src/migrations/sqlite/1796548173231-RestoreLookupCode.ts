import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LeaderCase rebuilt the SQLite tickets table without CitizenAccess's lookupCodeHash (the two were
 * written in parallel): put the column back where it is missing. MySQL altered in place and lost nothing.
 */
export class RestoreLookupCode1796548173231 implements MigrationInterface {
  name = 'RestoreLookupCode1796548173231';

  public async up(q: QueryRunner): Promise<void> {
    const cols: Array<{ name: string }> = await q.query(`PRAGMA table_info("tickets")`);
    if (!cols.some((c) => c.name === 'lookupCodeHash')) await q.query(`ALTER TABLE "tickets" ADD COLUMN "lookupCodeHash" varchar(64)`);
  }

  public async down(): Promise<void> {
    // The column belongs to CitizenAccess; nothing to undo here.
  }
}
