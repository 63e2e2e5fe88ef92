import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableStr, NullableText, NullableTime, Str } from './columns';

/** One hotline export file or history file being (or having been) imported. */
@Entity('import_files')
@Index('ix_import_source', ['sourceName', 'createdAt'])
export class ImportFileEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** hotline | history */
  @Str(16) kind!: string;
  @Str(100) sourceName!: string;
  @Str(300) fileName!: string;
  @Str(300) archivePath!: string;
  @Str(64) sha256!: string;
  /** running | done | failed | unreadable | interrupted (its process died; a later import of the same file finished it) */
  @Str(16) status!: string;
  @Int({ default: 0 }) rows!: number;
  @Int({ default: 0 }) imported!: number;
  @Int({ default: 0 }) duplicates!: number;
  @Int({ default: 0 }) rejected!: number;
  @NullableStr(300) rejectsPath!: string | null;
  @NullableText() error!: string | null;
  @NullableTime() finishedAt!: Date | null;
  /** When a running import last wrote a batch (with its counts so far): /health lists runs silent too long. */
  @NullableTime() progressAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
