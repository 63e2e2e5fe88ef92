import { MigrationInterface, QueryRunner } from 'typeorm';

export class UpstreamLink1796547820895 implements MigrationInterface {
  name = 'UpstreamLink1796547820895';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`upstream_cursors\` (\`id\` int NOT NULL AUTO_INCREMENT, \`upstream\` varchar(40) NOT NULL, \`cursor\` text NULL, \`lastPullAt\` datetime(3) NULL, \`lastSuccessAt\` datetime(3) NULL, \`lastError\` text NULL, \`consecutiveFailures\` int NOT NULL DEFAULT '0', \`pulled\` int NOT NULL DEFAULT '0', \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_1cc6b5953c31894eedba9a939b\` (\`upstream\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`externalDueAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`webhook_endpoints\` ADD \`sourceName\` varchar(100) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`webhook_endpoints\` DROP COLUMN \`sourceName\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`externalDueAt\``);
    await q.query(`DROP INDEX \`IDX_1cc6b5953c31894eedba9a939b\` ON \`upstream_cursors\``);
    await q.query(`DROP TABLE \`upstream_cursors\``);
  }
}
