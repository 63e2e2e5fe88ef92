import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first version of LeaderCase rebuilt tickets without lookupCodeHash (added by CitizenAccess just
 * before it), so a database migrated with it lost the column: every intake then failed. Adds it back
 * where it is missing (the codes of tickets recorded before are gone: their requesters ask 12345).
 */
export class RestoreLookupCodeHash1796548048575 implements MigrationInterface {
  name = 'RestoreLookupCodeHash1796548048575';

  public async up(q: QueryRunner): Promise<void> {
    const columns: Array<{ name: string }> = await q.query(`PRAGMA table_info("tickets")`);
    if (!columns.some((c) => c.name === 'lookupCodeHash')) await q.query(`ALTER TABLE "tickets" ADD COLUMN "lookupCodeHash" varchar(64)`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the column belongs to CitizenAccess.
  }
}
