import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #21: each assignment carries its ticket's status (assignments.ticketStatus), kept by
 * triggers so that every writer keeps it (use cases, imports, raw SQL): an assignment takes its
 * ticket's status when written, and a ticket's change of status is copied to its assignments in
 * the same statement. A scope's status view (分中心's triage) then reads the assignment branch of
 * ticketScopeIdsSql from ix_assignment_unit_ticket_status alone.
 */
export class AssignmentTicketStatus1796577100000 implements MigrationInterface {
  name = 'AssignmentTicketStatus1796577100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`assignments\` ADD \`ticketStatus\` varchar(24) NULL`);
    await q.query(`UPDATE \`assignments\` a INNER JOIN \`tickets\` t ON t.id = a.ticketId SET a.ticketStatus = t.status`);
    await q.query(`CREATE INDEX \`ix_assignment_unit_ticket_status\` ON \`assignments\` (\`unitId\`, \`ticketStatus\`, \`ticketId\`)`);
    await q.query(
      `CREATE TRIGGER \`assignment_ticket_status_bi\` BEFORE INSERT ON \`assignments\` FOR EACH ROW SET NEW.ticketStatus = (SELECT t.status FROM tickets t WHERE t.id = NEW.ticketId)`,
    );
    await q.query(
      `CREATE TRIGGER \`ticket_status_au\` AFTER UPDATE ON \`tickets\` FOR EACH ROW UPDATE assignments SET ticketStatus = NEW.status WHERE ticketId = NEW.id AND NOT (NEW.status <=> OLD.status)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER \`ticket_status_au\``);
    await q.query(`DROP TRIGGER \`assignment_ticket_status_bi\``);
    await q.query(`DROP INDEX \`ix_assignment_unit_ticket_status\` ON \`assignments\``);
    await q.query(`ALTER TABLE \`assignments\` DROP COLUMN \`ticketStatus\``);
  }
}
