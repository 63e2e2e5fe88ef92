import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { Actor } from '@hub/domain';
import { ActorInput } from '../shared/command-fields';

/** 督办回复: the unit's written answer to an order. */
export class AnswerSupervisionOrderCommand {
  @IsInt() @Min(1) orderId!: number;
  /** The acting user's units (a unit user): the order must be addressed to one of them. Absent: the desk. */
  @IsOptional() @IsInt({ each: true }) unitIds?: number[] | null;
  @IsString() @MinLength(1) @MaxLength(8000) text!: string;
  @IsDefined() @ValidateNested() @Type(() => ActorInput) actor!: Actor;
}
