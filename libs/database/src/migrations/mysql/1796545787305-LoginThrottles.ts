import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottles1796545787305 implements MigrationInterface {
  name = 'LoginThrottles1796545787305';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`login_throttles\` (\`id\` int NOT NULL AUTO_INCREMENT, \`throttleKey\` varchar(200) NOT NULL, \`failures\` int NOT NULL DEFAULT '0', \`lastFailureAt\` datetime(3) NOT NULL, \`blockedUntil\` datetime(3) NULL, INDEX \`ix_login_throttle_last\` (\`lastFailureAt\`), UNIQUE INDEX \`IDX_7715a7b4016640d1e6bd69dfaa\` (\`throttleKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`users\` ADD \`mustChangePassword\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`users\` DROP COLUMN \`mustChangePassword\``);
    await q.query(`DROP INDEX \`IDX_7715a7b4016640d1e6bd69dfaa\` ON \`login_throttles\``);
    await q.query(`DROP INDEX \`ix_login_throttle_last\` ON \`login_throttles\``);
    await q.query(`DROP TABLE \`login_throttles\``);
  }
}
