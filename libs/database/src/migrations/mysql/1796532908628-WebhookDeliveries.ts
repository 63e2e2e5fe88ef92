import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDeliveries1796532908628 implements MigrationInterface {
  name = 'WebhookDeliveries1796532908628';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`webhook_deliveries\` (\`id\` int NOT NULL AUTO_INCREMENT, \`eventId\` int NOT NULL, \`endpoint\` varchar(60) NOT NULL, \`ticketId\` int NOT NULL, \`eventType\` varchar(32) NOT NULL, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`nextAttemptAt\` datetime(3) NULL, \`lastStatusCode\` int NULL, \`lastError\` text NULL, \`body\` text NULL, \`deliveredAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_webhook_status\` (\`status\`, \`nextAttemptAt\`), INDEX \`ix_webhook_order\` (\`endpoint\`, \`ticketId\`, \`eventId\`), UNIQUE INDEX \`uq_webhook_event_endpoint\` (\`eventId\`, \`endpoint\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`webhook_endpoints\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`events\` text NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_6ed65bf786f6a14e59873fb7e0\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_6ed65bf786f6a14e59873fb7e0\` ON \`webhook_endpoints\``);
    await q.query(`DROP TABLE \`webhook_endpoints\``);
    await q.query(`DROP INDEX \`uq_webhook_event_endpoint\` ON \`webhook_deliveries\``);
    await q.query(`DROP INDEX \`ix_webhook_order\` ON \`webhook_deliveries\``);
    await q.query(`DROP INDEX \`ix_webhook_status\` ON \`webhook_deliveries\``);
    await q.query(`DROP TABLE \`webhook_deliveries\``);
  }
}
