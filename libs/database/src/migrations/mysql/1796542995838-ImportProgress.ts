import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportProgress1796542995838 implements MigrationInterface {
  name = 'ImportProgress1796542995838';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`import_files\` ADD \`progressAt\` datetime(3) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`import_files\` DROP COLUMN \`progressAt\``);
  }
}
