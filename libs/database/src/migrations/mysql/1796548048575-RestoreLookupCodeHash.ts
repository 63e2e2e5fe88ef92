import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kept beside the SQLite one of the same name (whose LeaderCase had dropped lookupCodeHash): on
 * MySQL/MariaDB LeaderCase altered tickets in place, so the column is there; added only if absent.
 */
export class RestoreLookupCodeHash1796548048575 implements MigrationInterface {
  name = 'RestoreLookupCodeHash1796548048575';

  public async up(q: QueryRunner): Promise<void> {
    const found: unknown[] = await q.query(
      `SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tickets' AND COLUMN_NAME = 'lookupCodeHash'`,
    );
    if (!found.length) await q.query(`ALTER TABLE \`tickets\` ADD \`lookupCodeHash\` varchar(64) NULL`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the column belongs to CitizenAccess.
  }
}
