import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutgoingSms1796532901347 implements MigrationInterface {
  name = 'OutgoingSms1796532901347';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`outgoing_sms\` (\`id\` int NOT NULL AUTO_INCREMENT, \`dedupeKey\` varchar(150) NOT NULL, \`kind\` varchar(16) NOT NULL, \`phone\` varchar(24) NOT NULL, \`text\` text NOT NULL, \`ticketId\` int NULL, \`urgent\` tinyint NOT NULL DEFAULT 0, \`essential\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` text NULL, \`nextAttemptAt\` datetime(3) NULL, \`sentAt\` datetime(3) NULL, \`segments\` int NOT NULL DEFAULT '0', \`segmentsDelivered\` int NOT NULL DEFAULT '0', \`deliveryStatus\` varchar(16) NULL, \`deliveredAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_sms_ticket\` (\`ticketId\`), INDEX \`ix_sms_status\` (\`status\`, \`nextAttemptAt\`), UNIQUE INDEX \`IDX_55f35a2c1d4254939129659b21\` (\`dedupeKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`sms_opt_outs\` (\`id\` int NOT NULL AUTO_INCREMENT, \`phone\` varchar(24) NOT NULL, \`via\` varchar(16) NOT NULL, \`text\` varchar(200) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_14dd9fd7ec736f4ce6420ce28d\` (\`phone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`sms_segments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`smsId\` int NOT NULL, \`seq\` int NOT NULL, \`providerMessageId\` varchar(100) NOT NULL, \`status\` varchar(16) NULL, \`doneAt\` datetime(3) NULL, INDEX \`ix_sms_segment_sms\` (\`smsId\`), UNIQUE INDEX \`IDX_514e5baf259f2376771ffa2283\` (\`providerMessageId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_514e5baf259f2376771ffa2283\` ON \`sms_segments\``);
    await q.query(`DROP INDEX \`ix_sms_segment_sms\` ON \`sms_segments\``);
    await q.query(`DROP TABLE \`sms_segments\``);
    await q.query(`DROP INDEX \`IDX_14dd9fd7ec736f4ce6420ce28d\` ON \`sms_opt_outs\``);
    await q.query(`DROP TABLE \`sms_opt_outs\``);
    await q.query(`DROP INDEX \`IDX_55f35a2c1d4254939129659b21\` ON \`outgoing_sms\``);
    await q.query(`DROP INDEX \`ix_sms_status\` ON \`outgoing_sms\``);
    await q.query(`DROP INDEX \`ix_sms_ticket\` ON \`outgoing_sms\``);
    await q.query(`DROP TABLE \`outgoing_sms\``);
  }
}
