import { Int, ListOf, Nested, NullableInt, NullableNum, NullableStr, Num, Str, StrList, Time } from '../response-fields';

// What GET /api/reports/ranking answers and what /api/reports/summary adds as `configuredRates`.

/** One configured rate: numerator ÷ denominator over named facts (config/rates.yaml). */
export class RateFigure {
  @Str({ example: 'responseRate' }) key!: string;
  @Str({ example: '响应率' }) label!: string;
  @Num({ description: 'a fraction (0.985 = 98.5%); 0 when the denominator is 0' }) value!: number;
  @Int() numerator!: number;
  @Int() denominator!: number;
  @Num({ description: 'weight in the 考核 score (0: shown, not scored)' }) weight!: number;
  @Str({ description: 'how it is computed, in Chinese' }) definition!: string;
}

export class ConfiguredRates {
  @Str({ description: '`preset:53号文`, `preset:beijing` or `rates.yaml`' }) set!: string;
  @ListOf(RateFigure) rates!: RateFigure[];
  @ListOf(RateFigure, { description: '派单准确率 and 重复件率' }) quality!: RateFigure[];
  @NullableNum({ description: 'weighted score out of 100; null when no scored rate has a denominator' }) score!: number | null;
}

export class LowFigureTicket {
  @Int() id!: number;
  @Str() number!: string;
  @NullableStr() externalId!: string | null;
  @NullableStr() subject!: string | null;
  @Time() receivedAt!: string;
  @Str() status!: string;
  @Str() statusText!: string;
}

/** A rate of the unit below the all-units figure, with the tickets behind it (at most 20). */
export class LowFigure {
  @Str() key!: string;
  @Str() label!: string;
  @Num() value!: number;
  @Num() overall!: number;
  @ListOf(LowFigureTicket) tickets!: LowFigureTicket[];
}

export class RankedUnit extends ConfiguredRates {
  @NullableInt({ description: '1 = best score; null: no score' }) rank!: number | null;
  @Int() unitId!: number;
  @Str() name!: string;
  @ListOf(LowFigure) low!: LowFigure[];
}

export class UnitRanking {
  @Str({ example: '2026-Q1' }) period!: string;
  @Str({ example: '2026年第1季度' }) label!: string;
  @Str() from!: string;
  @Str() to!: string;
  @Str() set!: string;
  @Nested(ConfiguredRates) overall!: ConfiguredRates;
  @ListOf(RankedUnit) units!: RankedUnit[];
  @StrList() definitions!: string[];
}
