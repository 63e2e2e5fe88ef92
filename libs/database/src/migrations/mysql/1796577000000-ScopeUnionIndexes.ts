import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #21: the undispatched branch of a scope's ticket ids (ticketScopeIdsSql) read as one range
 * of a region's never-dispatched tickets, their status in the index for a status view's total.
 */
export class ScopeUnionIndexes1796577000000 implements MigrationInterface {
  name = 'ScopeUnionIndexes1796577000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`ix_ticket_undispatched\` ON \`tickets\` (\`region\`, \`dispatchedAt\`, \`status\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_ticket_undispatched\` ON \`tickets\``);
  }
}
