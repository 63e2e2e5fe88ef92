import { MigrationInterface, QueryRunner } from 'typeorm';

/** The knowledge base (entries, their versions, FULLTEXT over the entries' words) and canned replies. */
export class KnowledgeBase1796543341983 implements MigrationInterface {
  name = 'KnowledgeBase1796543341983';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`canned_replies\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(16) NOT NULL, \`category\` varchar(100) NULL, \`title\` varchar(100) NOT NULL, \`text\` text NOT NULL, \`updatedBy\` varchar(100) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_canned_kind_category\` (\`kind\`, \`category\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`knowledge_entries\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(200) NOT NULL, \`questions\` text NULL, \`answer\` text NOT NULL, \`category\` varchar(100) NULL, \`unitId\` int NULL, \`validFrom\` datetime(3) NULL, \`validTo\` datetime(3) NULL, \`status\` varchar(12) NOT NULL, \`sourceUrl\` varchar(500) NULL, \`version\` int NOT NULL DEFAULT '1', \`answerCount\` int NOT NULL DEFAULT '0', \`expiryNoticeAt\` datetime(3) NULL, \`words\` text NOT NULL, \`updatedBy\` varchar(100) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_knowledge_unit\` (\`unitId\`), INDEX \`ix_knowledge_status_valid\` (\`status\`, \`validTo\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`knowledge_versions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`entryId\` int NOT NULL, \`version\` int NOT NULL, \`snapshot\` text NOT NULL, \`actorName\` varchar(100) NULL, \`at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_knowledge_version\` (\`entryId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE FULLTEXT INDEX \`ft_knowledge_words\` ON \`knowledge_entries\` (\`words\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_knowledge_version\` ON \`knowledge_versions\``);
    await q.query(`DROP TABLE \`knowledge_versions\``);
    await q.query(`DROP INDEX \`ix_knowledge_status_valid\` ON \`knowledge_entries\``);
    await q.query(`DROP INDEX \`ix_knowledge_unit\` ON \`knowledge_entries\``);
    await q.query(`DROP TABLE \`knowledge_entries\``);
    await q.query(`DROP INDEX \`ix_canned_kind_category\` ON \`canned_replies\``);
    await q.query(`DROP TABLE \`canned_replies\``);
  }
}
