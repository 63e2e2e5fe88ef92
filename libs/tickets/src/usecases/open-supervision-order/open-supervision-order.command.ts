import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Actor, SUPERVISION_LEVELS, SupervisionLevel } from '@hub/domain';
import { ActorInput } from '../shared/command-fields';

/** A supervisor's 督办单 on one ticket or several (one order per ticket, sharing a batch). */
export class OpenSupervisionOrderCommand {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) ticketIds!: number[];
  @IsIn(SUPERVISION_LEVELS as unknown as string[]) level!: SupervisionLevel;
  /** 督办事由 */
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  /** 督办要求: what the unit must do and write back. */
  @IsString() @MinLength(1) @MaxLength(4000) instructions!: string;
  /** By when the written answer (督办回复) is due. */
  @Type(() => Date) @IsDate() dueAt!: Date;
  @IsDefined() @ValidateNested() @Type(() => ActorInput) actor!: Actor;
}
