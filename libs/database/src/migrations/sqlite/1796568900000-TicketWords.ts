import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #16: MariaDB/MySQL's posting lists (ticket_words). SQLite has none: its FTS5 table already
 * reads the words' lists newest first and stops at the page, so this migration changes nothing here.
 */
export class TicketWords1796568900000 implements MigrationInterface {
  name = 'TicketWords1796568900000';

  public async up(_q: QueryRunner): Promise<void> {}

  public async down(_q: QueryRunner): Promise<void> {}
}
