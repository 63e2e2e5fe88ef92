import { Int, ListOf, Nested, NullableInt, NullableNum, NullableStr, Str, StrList } from '../response-fields';

// What /api/stats/tiers answers.

export class TierFiguresView {
  @Int({ description: 'assignments given in the period (lead, assist, 二级派单)' }) assigned!: number;
  @Int() replied!: number;
  @Int({ description: 'answered by the reply limit the level above set' }) repliedOnTime!: number;
  @Int() repliedLate!: number;
  @Int({ description: 'unanswered and past the limit now' }) overdueOpen!: number;
  @Int() returned!: number;
  @NullableNum({ description: '按时反馈率: repliedOnTime ÷ (replied + overdueOpen); null when nothing was due' }) onTimeRate!: number | null;
}

export class TierRow extends TierFiguresView {
  @Str({ description: 'city | district | street | community | none' }) tier!: string;
  @Str() label!: string;
}

export class TierUnitRow {
  @Int() unitId!: number;
  @Str() name!: string;
  @NullableStr() tier!: string | null;
  @NullableInt() parentId!: number | null;
  @Nested(TierFiguresView, { description: 'its own assignments' }) own!: TierFiguresView;
  @Nested(TierFiguresView, { description: 'its own and every unit below it' }) subtree!: TierFiguresView;
}

export class TierStats {
  @Str() from!: string;
  @Str() to!: string;
  @ListOf(TierRow) tiers!: TierRow[];
  @ListOf(TierUnitRow) units!: TierUnitRow[];
  @StrList() definitions!: string[];
}
