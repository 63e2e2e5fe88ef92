import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, JsonColumn, NullableInt, NullableStr, NullableTime, Str, Text, UpdatedAt } from './columns';

/**
 * One entry of the knowledge base (知识库): the questions people ask in several phrasings, the
 * answer, and who keeps it until when. `words` is the search document (searchDocument over
 * title, questions and answer), under FULLTEXT on MySQL/MariaDB and FTS5 on SQLite (migrations).
 */
@Entity('knowledge_entries')
@Index('ix_knowledge_status_valid', ['status', 'validTo'])
@Index('ix_knowledge_unit', ['unitId'])
@Index('ft_knowledge_words', { synchronize: false })
export class KnowledgeEntryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(200) title!: string;
  /** The phrasings callers use, as a JSON array of strings. */
  @JsonColumn() questions!: string[] | null;
  @Text() answer!: string;
  @NullableStr(100) category!: string | null;
  /** The unit that keeps it; null: the hotline office's own. */
  @NullableInt() unitId!: number | null;
  @NullableTime() validFrom!: Date | null;
  @NullableTime() validTo!: Date | null;
  /** draft | reviewed | published | expired */
  @Str(12) status!: string;
  /** Link to the policy document it rests on. */
  @NullableStr(500) sourceUrl!: string | null;
  @Int({ default: 1 }) version!: number;
  /** Calls answered from it (直接答复 citing it). */
  @Int({ default: 0 }) answerCount!: number;
  /** When its owner was told it is about to expire (once per validity). */
  @NullableTime() expiryNoticeAt!: Date | null;
  @Text() words!: string;
  @NullableStr(100) updatedBy!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
