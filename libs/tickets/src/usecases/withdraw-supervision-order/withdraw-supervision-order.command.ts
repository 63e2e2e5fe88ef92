import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { Actor } from '@hub/domain';
import { ActorInput } from '../shared/command-fields';

/** 撤销督办单, with the reason (issued in error, settled otherwise). */
export class WithdrawSupervisionOrderCommand {
  @IsInt() @Min(1) orderId!: number;
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @IsDefined() @ValidateNested() @Type(() => ActorInput) actor!: Actor;
}
