import { MigrationInterface, QueryRunner } from 'typeorm';
import { reindexAllTickets } from '../../repositories/ticket-search.repository';

/**
 * Issue #16: a ticket's search words also hold the Han characters at either end of a run
 * (searchDocument), so a query's lone character (`25天`, `U盘`) finds `已持续25天了`. Every ticket's
 * search row (and, on MariaDB/MySQL, its posting lists) is written again; about as long as the
 * intake of the same tickets' search rows.
 */
export class SearchRunEdges1796578000000 implements MigrationInterface {
  name = 'SearchRunEdges1796578000000';

  public async up(q: QueryRunner): Promise<void> {
    await reindexAllTickets(q.manager);
  }

  public async down(): Promise<void> {
    // The extra words do no harm to the former cutting: nothing to undo.
  }
}
