import { ZERO_REPORT_PERIOD_KINDS, ZERO_REPORT_STATUSES } from '@hub/domain';
import { Bool, Enum, Int, ListOf, Nested, NullableStr, NullableTime, Str } from '../response-fields';

// What /api/zero-reports answers.

export class ZeroReportPeriodRecord {
  @Enum(ZERO_REPORT_PERIOD_KINDS, 'ZeroReportPeriodKind', { description: 'rates.yaml → zeroReport.period' }) kind!: string;
  @Str({ example: '2026-W10', description: 'an ISO week (Monday to Sunday) or a month (2026-03)' }) key!: string;
  @Str({ description: 'first Beijing day, YYYY-MM-DD' }) from!: string;
  @Str({ description: 'last Beijing day, inclusive' }) to!: string;
  @Str({ example: '2026年第10周（3月2日至3月8日）' }) label!: string;
}

export class ZeroReportLineRecord {
  @Int() unitId!: number;
  @Str() unit!: string;
  @Enum(ZERO_REPORT_STATUSES, 'ZeroReportStatus', { description: 'tickets: something was dispatched to it; confirmed; missing: it owes one' }) status!: string;
  @Str({ description: '有工单 / 已确认零报告 / 未确认零报告' }) statusText!: string;
  @Int({ description: 'assignments (主办 or 协办) dispatched to it in the period' }) dispatched!: number;
  @NullableTime() confirmedAt!: string | null;
  @NullableStr({ description: 'who confirmed' }) confirmedBy!: string | null;
}

export class ZeroReportCounts {
  @Int() units!: number;
  @Int() withTickets!: number;
  @Int() confirmed!: number;
  @Int() missing!: number;
}

export class ZeroReportOverviewRecord {
  @Nested(ZeroReportPeriodRecord) period!: ZeroReportPeriodRecord;
  @Enum(['closed', 'current'], 'ZeroReportPeriodState', { description: 'closed: over; current: still running' }) state!: string;
  @Str({ description: 'what "no tickets" means' }) definition!: string;
  @Nested(ZeroReportCounts) counts!: ZeroReportCounts;
  @ListOf(ZeroReportLineRecord, { description: 'missing first, then confirmed, then units with tickets' }) units!: ZeroReportLineRecord[];
}

export class ZeroReportMine {
  @ListOf(ZeroReportOverviewRecord, { description: "the previous period and the current one, the user's units only" }) periods!: ZeroReportOverviewRecord[];
}

export class ZeroReportConfirmation extends ZeroReportLineRecord {
  @Str({ example: '2026-W10' }) period!: string;
  @Bool({ description: 'false when the unit had confirmed it already (the first confirmation is kept)' }) created!: boolean;
}
