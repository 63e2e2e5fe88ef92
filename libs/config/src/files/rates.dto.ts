import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { isRateFact, RATE_FACTS, RATE_PRESET_SPECS, RATE_PRESETS, RatePreset, RateSpec, ZERO_REPORT_PERIOD_KINDS, ZeroReportPeriodKind } from '@hub/domain';

/** One rate of rates.yaml: numerator ÷ denominator, each a list of facts summed. */
export class RateConfig {
  @Matches(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'key must be letters, digits or _ (e.g. responseRate)' }) key!: string;
  @IsString() label!: string;
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(RATE_FACTS as unknown as string[], { each: true, message: `numerator must list facts among ${RATE_FACTS.join(', ')}` })
  numerator!: string[];
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(RATE_FACTS as unknown as string[], { each: true, message: `denominator must list facts among ${RATE_FACTS.join(', ')}` })
  denominator!: string[];
  @IsOptional() @IsNumber() @Min(0) weight?: number;
  @IsOptional() @IsBoolean() lowerIsBetter?: boolean;
}

/** 零报告: how long a period a unit confirms it had no tickets in. */
export class ZeroReportConfig {
  @IsIn(ZERO_REPORT_PERIOD_KINDS as unknown as string[], { message: `period must be ${ZERO_REPORT_PERIOD_KINDS.join(' or ')}` })
  period: ZeroReportPeriodKind = 'week';
}

/**
 * rates.yaml (optional): the rates units are assessed on. `preset` picks a shipped set (53号文, the
 * default, or beijing); `rates` lists a city's own instead.
 */
export class RatesFile {
  @IsIn(RATE_PRESETS as unknown as string[], { message: `preset must be one of ${RATE_PRESETS.join(', ')}` }) preset: RatePreset = '53号文';
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => RateConfig) rates?: RateConfig[];
  /** 零报告's period (default: weeks, Monday to Sunday in Beijing time). */
  @ValidateNested() @Type(() => ZeroReportConfig) zeroReport: ZeroReportConfig = new ZeroReportConfig();
}

/** The configured rates (named `rates.yaml` or `preset:<name>`): the file's own list, else its preset's. */
export function rateSetOf(file: Pick<RatesFile, 'preset' | 'rates'> | undefined): { set: string; specs: RateSpec[] } {
  if (!file?.rates?.length) return { set: `preset:${file?.preset ?? '53号文'}`, specs: RATE_PRESET_SPECS[file?.preset ?? '53号文'] };
  const specs = file.rates.map((r) => ({
    key: r.key,
    label: r.label,
    numerator: r.numerator.filter(isRateFact),
    denominator: r.denominator.filter(isRateFact),
    weight: r.weight ?? 1,
    ...(r.lowerIsBetter ? { lowerIsBetter: true } : {}),
  }));
  return { set: 'rates.yaml', specs };
}
