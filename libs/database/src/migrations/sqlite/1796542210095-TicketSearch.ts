import { MigrationInterface, QueryRunner } from 'typeorm';
import { reindexAllTickets } from '../../repositories/ticket-search.repository';

/**
 * The lookup index (ticket_search, see its entity) and its FTS5 table over `words` (external
 * content, kept by triggers; the default unicode61 tokenizer reads the hub's ASCII words as they are).
 */
export class TicketSearch1796542210095 implements MigrationInterface {
  name = 'TicketSearch1796542210095';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "ticket_search" ("ticketId" integer PRIMARY KEY NOT NULL, "phone" varchar(40), "name" varchar(100), "email" varchar(200), "externalId" varchar(128), "words" text NOT NULL)`,
    );
    await q.query(`CREATE INDEX "ix_ticket_search_phone" ON "ticket_search" ("phone") `);
    await q.query(`CREATE INDEX "ix_ticket_search_name" ON "ticket_search" ("name") `);
    await q.query(`CREATE INDEX "ix_ticket_search_email" ON "ticket_search" ("email") `);
    await q.query(`CREATE INDEX "ix_ticket_search_external" ON "ticket_search" ("externalId") `);
    await q.query(`CREATE VIRTUAL TABLE "ticket_search_fts" USING fts5(words, content='ticket_search', content_rowid='ticketId', detail='column')`);
    await q.query(
      `CREATE TRIGGER "ticket_search_ai" AFTER INSERT ON "ticket_search" BEGIN INSERT INTO ticket_search_fts(rowid, words) VALUES (new.ticketId, new.words); END`,
    );
    await q.query(
      `CREATE TRIGGER "ticket_search_ad" AFTER DELETE ON "ticket_search" BEGIN INSERT INTO ticket_search_fts(ticket_search_fts, rowid, words) VALUES ('delete', old.ticketId, old.words); END`,
    );
    await q.query(
      `CREATE TRIGGER "ticket_search_au" AFTER UPDATE ON "ticket_search" BEGIN INSERT INTO ticket_search_fts(ticket_search_fts, rowid, words) VALUES ('delete', old.ticketId, old.words); INSERT INTO ticket_search_fts(rowid, words) VALUES (new.ticketId, new.words); END`,
    );
    await reindexAllTickets(q.manager);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "ticket_search_au"`);
    await q.query(`DROP TRIGGER "ticket_search_ad"`);
    await q.query(`DROP TRIGGER "ticket_search_ai"`);
    await q.query(`DROP TABLE "ticket_search_fts"`);
    await q.query(`DROP TABLE "ticket_search"`);
  }
}
