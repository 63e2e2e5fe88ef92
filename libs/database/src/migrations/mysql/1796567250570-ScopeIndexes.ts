import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #21: a narrow index the scope predicate reads (a count over a district's tickets scans it, not the table rows).
 * A unit's assignments are read from ix_assignment_unit_ticket (AssignmentUnitTicketIndexes).
 */
export class ScopeIndexes1796567250570 implements MigrationInterface {
  name = 'ScopeIndexes1796567250570';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX \`ix_ticket_scope\` ON \`tickets\` (\`deskUnitId\`, \`region\`, \`dispatchedAt\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_ticket_scope\` ON \`tickets\``);
  }
}
