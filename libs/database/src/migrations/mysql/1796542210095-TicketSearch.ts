import { MigrationInterface, QueryRunner } from 'typeorm';
import { reindexAllTickets } from '../../repositories/ticket-search.repository';

/** The lookup index (ticket_search, see its entity), filled from the tickets already there before its FULLTEXT index is built. */
export class TicketSearch1796542210095 implements MigrationInterface {
  name = 'TicketSearch1796542210095';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`ticket_search\` (\`ticketId\` int NOT NULL, \`phone\` varchar(40) NULL, \`name\` varchar(100) NULL, \`email\` varchar(200) NULL, \`externalId\` varchar(128) NULL, \`words\` text NOT NULL, INDEX \`ix_ticket_search_phone\` (\`phone\`), INDEX \`ix_ticket_search_name\` (\`name\`), INDEX \`ix_ticket_search_email\` (\`email\`), INDEX \`ix_ticket_search_external\` (\`externalId\`), PRIMARY KEY (\`ticketId\`)) ENGINE=InnoDB`,
    );
    // ticket_words comes later (TicketWords), filled from these rows.
    await reindexAllTickets(q.manager, 2000, { words: false });
    await q.query(`CREATE FULLTEXT INDEX \`ft_ticket_search_words\` ON \`ticket_search\` (\`words\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`ticket_search\``);
  }
}
