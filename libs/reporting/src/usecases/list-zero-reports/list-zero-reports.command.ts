import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

/** Which period's 零报告 to list, and for whom. */
export class ListZeroReportsCommand {
  /** `2026-W10` (weeks) or `2026-03` (months), as rates.yaml's zeroReport.period says; absent: the current period. */
  @IsOptional() @IsString() @MaxLength(10) period?: string;
  /** A unit user's units: only they are listed. Absent: every active unit. */
  @IsOptional() @IsInt({ each: true }) unitIds?: number[] | null;
}
