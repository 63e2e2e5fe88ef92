import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillTicketWords } from '../../repositories/ticket-words';

/**
 * Issue #16: the hub's own posting lists (see repositories/ticket-words.ts), one row per word of a
 * ticket's ticket_search row, filled from the rows already there (a range of tickets per statement).
 */
export class TicketWords1796568900000 implements MigrationInterface {
  name = 'TicketWords1796568900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`ticket_words\` (\`word\` varchar(41) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`ticketId\` int NOT NULL, PRIMARY KEY (\`word\`, \`ticketId\`)) ENGINE=InnoDB`,
    );
    await backfillTicketWords(q.manager);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`ticket_words\``);
  }
}
