import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class ConfirmZeroReportDto {
  @ApiProperty({ required: false, description: 'the unit (needed when the user has several; an administrator always names it)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiProperty({ required: false, example: '2026-W10', description: 'the period (a week 2026-W10 or a month 2026-03); default the current one' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  period?: string;
}
