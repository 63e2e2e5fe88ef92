import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { COUNT_MEASURES, RATE_DEFINITIONS, REPORT_CHANNELS } from '@hub/reporting';
import { CountMap, Enum, fieldsFor, Int, IntList, ListOf, Nested, NullableNested, NullableNum, NullableStr, Num, Str, StrList } from '../response-fields';
import { TIMELINESS_GROUP_BY } from './stats.service';
import { ConfiguredRates } from './ranking.responses';

// What GET /api/stats/timeliness and /api/reports/summary answer. The field lists come from
// @hub/reporting (its count measures, rates and channels), so the document follows the figures.

/** The six rates as fractions (0.985 = 98.5%); 0 when there was nothing to divide by. */
export class Rates {}
fieldsFor(Rates, Object.keys(RATE_DEFINITIONS), (k) => ApiProperty({ type: Number, description: RATE_DEFINITIONS[k as keyof typeof RATE_DEFINITIONS] }));

/** The additive counts of a period (h0..h11: handled within each bucket of the handling-time histogram), and what derives from them. */
export class Figures {
  @Int({ description: 'dispatched, past the reply deadline and not replied, now' }) overdueNow!: number;
  @Int({ description: 'replied late plus overdue now' }) overdueEver!: number;
  @Num({ description: '退单率: returns / (tickets led + returns)' }) returnRate!: number;
  @NullableNum() averageHandlingHours!: number | null;
  @NullableNum() p90HandlingHours!: number | null;
  @Nested(Rates) rates!: Rates;
}
fieldsFor(Figures, COUNT_MEASURES, () => ApiProperty({ type: 'integer' }));

export class StatsGroup {
  @Str({ description: 'the unit id, category or region' }) key!: string;
  @Str() name!: string;
  @Nested(Figures) figures!: Figures;
}

/** One day of the series the dashboard draws. */
export class DailyFigures {
  @Str({ example: '2026-03-01' }) day!: string;
  @Int() received!: number;
  @Int() dispatched!: number;
  @Int() acknowledgedOnTime!: number;
  @Int() replied!: number;
  @Int() repliedOnTime!: number;
  @Int() closed!: number;
  @Int() overdueNow!: number;
}

export class StatsScope {
  @IntList({ description: "a unit user's units" }) units!: number[];
}

export class Timeliness {
  @Str({ example: '2026-03-01' }) from!: string;
  @Str({ example: '2026-03-30' }) to!: string;
  @Enum(TIMELINESS_GROUP_BY, 'TimelinessGroupBy') groupBy!: string;
  @NullableNested(StatsScope, { description: 'null: every unit' }) scope!: StatsScope | null;
  @Nested(Figures) total!: Figures;
  @ListOf(StatsGroup) groups!: StatsGroup[];
  @ListOf(DailyFigures) daily!: DailyFigures[];
  @StrList({ description: 'how each rate and figure is computed, in Chinese' }) definitions!: string[];
}

/** Received per channel. */
export class ChannelCounts {}
fieldsFor(ChannelCounts, REPORT_CHANNELS, () => ApiProperty({ type: 'integer' }));

export class SummaryReceived {
  @Int() total!: number;
  @Nested(ChannelCounts) byChannel!: ChannelCounts;
  @CountMap({ description: 'per hotline line or mailbox' }) bySource!: Record<string, number>;
}

export class SummaryDispositions {
  @Int() directAnswer!: number;
  @Int() serviceProvided!: number;
  @Int() dispatched!: number;
  @Int() invalid!: number;
  @Int() merged!: number;
}

export class SummaryDispatched {
  @Int() total!: number;
  @Int() acknowledgedOnTime!: number;
  @Int() replied!: number;
  @Int() repliedOnTime!: number;
  @Int() closed!: number;
  @Int({ description: 'overdue now' }) overdue!: number;
}

export class SummaryPreviousPeriod {
  @Str() from!: string;
  @Str() to!: string;
  @Int() total!: number;
  @NullableNum({ description: 'as a fraction; null when the same period last year had none' }) change!: number | null;
}

export class CategoryCount {
  @Str() category!: string;
  @Int() count!: number;
}

export class RegionCount {
  @Str() region!: string;
  @Int() count!: number;
}

export class SummaryFilter {
  @NullableStr() channel!: string | null;
  @NullableStr() source!: string | null;
  @ApiProperty({ type: 'integer', isArray: true, nullable: true, description: "a unit user's units; null: every unit" }) units!: number[] | null;
}

export class SummaryTimeliness {
  @Int() acknowledged!: number;
  @Int() repliedLate!: number;
  @Int() overdueEver!: number;
  @Int() returns!: number;
  @Int() extended!: number;
  @Int() extensions!: number;
  @Int() reopened!: number;
  @Int() surveyed!: number;
  @Int() resolved!: number;
  @NullableNum() averageHandlingHours!: number | null;
  @NullableNum() p90HandlingHours!: number | null;
}

export class ChannelSummary {
  @Int() received!: number;
  @Int({ description: 'the same period last year' }) previous!: number;
  @NullableNum() change!: number | null;
  @CountMap() bySource!: Record<string, number>;
  @Nested(SummaryDispositions) dispositions!: SummaryDispositions;
  @Nested(SummaryDispatched) dispatched!: SummaryDispatched;
  @Nested(Rates) rates!: Rates;
}

/** Per channel, for the channels that had any. */
export class ChannelSummaries {}
fieldsFor(ChannelSummaries, REPORT_CHANNELS, () => ApiProperty({ type: ChannelSummary, required: false }));

/** The work-summary figures of a period (工作总结), as `hub report summary --format json` prints them. */
export class WorkSummary {
  @Str() from!: string;
  @Str() to!: string;
  @Nested(SummaryReceived) received!: SummaryReceived;
  @Nested(SummaryDispositions) dispositions!: SummaryDispositions;
  @Nested(SummaryDispatched) dispatched!: SummaryDispatched;
  @Nested(Rates) rates!: Rates;
  @Nested(SummaryPreviousPeriod) previousPeriod!: SummaryPreviousPeriod;
  @ListOf(CategoryCount) topCategories!: CategoryCount[];
  @Int({ description: '重复件' }) repeats!: number;
  @Int({ description: '集体访' }) collective!: number;
  @Nested(SummaryFilter) filter!: SummaryFilter;
  @ListOf(RegionCount) topRegions!: RegionCount[];
  @Nested(SummaryTimeliness) timeliness!: SummaryTimeliness;
  @Nested(ChannelSummaries) byChannel!: ChannelSummaries;
  @StrList() definitions!: string[];
  @Nested(ConfiguredRates, { description: 'the rates of config/rates.yaml, each with its definition, and 派单准确率 / 重复件率' })
  configuredRates!: ConfiguredRates;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** format=json answers the figures, format=xlsx the workbook. */
export const SummaryResponse = () =>
  applyDecorators(
    ApiExtraModels(WorkSummary),
    ApiOkResponse({
      description: 'format=json: the figures; format=xlsx: the workbook (工作总结统计_<from>_<to>.xlsx)',
      content: { 'application/json': { schema: { $ref: getSchemaPath(WorkSummary) } }, [XLSX]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
