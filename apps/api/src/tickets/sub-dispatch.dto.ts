import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { OUTCOMES, Outcome } from '@hub/domain';

export class SubDispatchDto {
  @ApiProperty({ description: 'the unit below the desk unit (units.yaml: its parent is the desk unit)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  childUnitId!: number;
  @ApiPropertyOptional({ description: 'what the desk asks of it' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ForwardSubReplyDto {
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'edited outcome (default: the lower unit’s)' })
  @IsOptional()
  @IsIn(OUTCOMES as unknown as string[], { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: Outcome;
  @ApiPropertyOptional({ description: 'edited reply (default: the lower unit’s)' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'text 不能为空：不修改时请不传 text' })
  @MaxLength(20000)
  text?: string;
}
