import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableInt, Str, TimeColumn } from './columns';

/**
 * 零报告: a unit's confirmation that nothing was dispatched to it in a period (a week `2026-W10`
 * or a month `2026-03`, as rates.yaml says). One per unit and period: a second confirmation is the first.
 */
@Entity('zero_reports')
@Index('ux_zero_report_unit_period', ['unitId', 'periodKey'], { unique: true })
@Index('ix_zero_report_period', ['periodKey'])
export class ZeroReportEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() unitId!: number;
  @Str(10) periodKey!: string;
  @TimeColumn() confirmedAt!: Date;
  @NullableInt() confirmedById!: number | null;
  @Str(100) confirmedByName!: string;
  @CreatedAt() createdAt!: Date;
}
