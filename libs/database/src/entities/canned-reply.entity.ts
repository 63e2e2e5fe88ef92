import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NullableStr, Str, Text, UpdatedAt } from './columns';

/** A reply template (常用语) per category: for units' 办结反馈 (`feedback`) or operators' 直接答复 (`direct_answer`). */
@Entity('canned_replies')
@Index('ix_canned_kind_category', ['kind', 'category'])
export class CannedReplyEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** feedback | direct_answer */
  @Str(16) kind!: string;
  /** A category path or its first level; null: any category. */
  @NullableStr(100) category!: string | null;
  @Str(100) title!: string;
  @Text() text!: string;
  @NullableStr(100) updatedBy!: string | null;
  @UpdatedAt() updatedAt!: Date;
}
