import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupervisionOrders1796542267632 implements MigrationInterface {
  name = 'SupervisionOrders1796542267632';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`supervision_orders\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticketId\` int NOT NULL, \`unitId\` int NOT NULL, \`deadlineId\` int NULL, \`batchKey\` varchar(40) NULL, \`level\` varchar(12) NOT NULL, \`status\` varchar(12) NOT NULL, \`reason\` text NOT NULL, \`instructions\` text NOT NULL, \`issuedAt\` datetime(3) NOT NULL, \`dueAt\` datetime(3) NOT NULL, \`issuedById\` int NULL, \`issuedByName\` varchar(100) NOT NULL, \`answerText\` text NULL, \`answeredAt\` datetime(3) NULL, \`answeredByName\` varchar(100) NULL, \`reportedAt\` datetime(3) NULL, \`withdrawnAt\` datetime(3) NULL, \`withdrawReason\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_supervision_deadline\` (\`deadlineId\`), INDEX \`ix_supervision_issued\` (\`issuedAt\`), INDEX \`ix_supervision_ticket\` (\`ticketId\`), INDEX \`ix_supervision_unit\` (\`unitId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_supervision_unit\` ON \`supervision_orders\``);
    await q.query(`DROP INDEX \`ix_supervision_ticket\` ON \`supervision_orders\``);
    await q.query(`DROP INDEX \`ix_supervision_issued\` ON \`supervision_orders\``);
    await q.query(`DROP INDEX \`ix_supervision_deadline\` ON \`supervision_orders\``);
    await q.query(`DROP TABLE \`supervision_orders\``);
  }
}
