import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigger that copies a ticket's new status to its assignments runs its UPDATE only when the
 * status changed. Before, every update of a ticket (its classification, its reply limit, its
 * cluster) ran `UPDATE assignments … WHERE ticketId = ?`, which locks the assignments index range
 * of the ticket even when it matches no row: with several workers routing an export's tickets at
 * once, those range locks met the assignment inserts of dispatch and MariaDB ended transactions
 * as deadlocks (the ticket then waited for the triage sweep).
 */
export class TicketStatusTriggerOnChange1796579000000 implements MigrationInterface {
  name = 'TicketStatusTriggerOnChange1796579000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS \`ticket_status_au\``);
    await q.query(
      `CREATE TRIGGER \`ticket_status_au\` AFTER UPDATE ON \`tickets\` FOR EACH ROW IF NOT (NEW.status <=> OLD.status) THEN UPDATE assignments SET ticketStatus = NEW.status WHERE ticketId = NEW.id; END IF`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS \`ticket_status_au\``);
    await q.query(
      `CREATE TRIGGER \`ticket_status_au\` AFTER UPDATE ON \`tickets\` FOR EACH ROW UPDATE assignments SET ticketStatus = NEW.status WHERE ticketId = NEW.id AND NOT (NEW.status <=> OLD.status)`,
    );
  }
}
