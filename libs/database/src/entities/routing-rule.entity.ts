import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, Int, JsonColumn, NullableStr, Str, UpdatedAt } from './columns';

/** An operator-editable routing rule; every edit bumps the version and is kept in the audit log. */
@Entity('routing_rules')
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(100) name!: string;
  @Int({ default: 100 }) priority!: number;
  @Bool(true) enabled!: boolean;
  @JsonColumn() conditions!: Record<string, unknown> | null;
  @JsonColumn() actions!: Record<string, unknown> | null;
  @Int({ default: 1 }) version!: number;
  @NullableStr(64) updatedBy!: string | null;
  @UpdatedAt() updatedAt!: Date;
}
