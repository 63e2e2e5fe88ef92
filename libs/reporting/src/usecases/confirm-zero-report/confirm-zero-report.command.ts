import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Actor } from '@hub/domain';

class ZeroReportActor implements Actor {
  @IsIn(['user', 'unit']) kind!: Actor['kind'];
  @IsOptional() @IsInt() id?: number | null;
  @IsString() @MaxLength(100) name!: string;
}

/** A unit confirms that nothing was dispatched to it in a period (零报告). */
export class ConfirmZeroReportCommand {
  @IsInt() @Min(1) unitId!: number;
  /** `2026-W10` or `2026-03`; absent: the current period. */
  @IsOptional() @IsString() @MaxLength(10) period?: string;
  /** The acting user's units (a unit user): the unit must be one of them. Absent: an administrator. */
  @IsOptional() @IsInt({ each: true }) unitIds?: number[] | null;
  @IsDefined() @ValidateNested() @Type(() => ZeroReportActor) actor!: Actor;
}
