import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableStr, Text, TimeColumn } from './columns';

/** Each saved version of a knowledge entry, whole (a JSON snapshot), with who saved it and when. */
@Entity('knowledge_versions')
@Index('uq_knowledge_version', ['entryId', 'version'], { unique: true })
export class KnowledgeVersionEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() entryId!: number;
  @Int() version!: number;
  @Text() snapshot!: string;
  @NullableStr(100) actorName!: string | null;
  @TimeColumn() at!: Date;
}
