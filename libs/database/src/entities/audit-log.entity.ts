import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Int, JsonColumn, NullableInt, NullableStr, Str, TimeColumn } from './columns';

/** Who did what, when, from where: every API action. */
@Entity('audit_log')
@Index('ix_audit_at', ['at'])
@Index('ix_audit_user', ['userId', 'at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn() id!: number;
  @NullableInt() userId!: number | null;
  @NullableStr(64) username!: string | null;
  @Str(100) action!: string;
  @Str(8) method!: string;
  @Str(300) path!: string;
  @Int() status!: number;
  @NullableStr(64) ip!: string | null;
  @TimeColumn() at!: Date;
  @JsonColumn() detail!: Record<string, unknown> | null;
}
