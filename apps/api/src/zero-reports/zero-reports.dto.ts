import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class ConfirmZeroReportDto {
  @ApiProperty({ required: false, description: 'the unit (needed when the user has several; an administrator always names it)' })
  @IsOptional()
  @IsInt({ message: 'unitId 必须是单位编号（整数）' })
  @Min(1, { message: 'unitId 必须是单位编号（整数）' })
  unitId?: number;
  @ApiProperty({ required: false, example: '2026-W10', description: 'the period (a week 2026-W10 or a month 2026-03); default the current one' })
  @IsOptional()
  @IsString({ message: 'period 应为周（如 2026-W10）或月（如 2026-03）' })
  @MaxLength(10, { message: 'period 应为周（如 2026-W10）或月（如 2026-03）' })
  period?: string;
}
