import type { UnitEntity, ZeroReportEntity } from '@hub/database';
import { ZERO_REPORT_STATUS_LABELS, ZERO_REPORT_STATUSES, ZeroReportPeriod, ZeroReportStatus } from '@hub/domain';

/** One unit in a period: its tickets, or its confirmation, or the confirmation it owes. */
export interface ZeroReportLine {
  unitId: number;
  unit: string;
  status: ZeroReportStatus;
  statusText: string;
  /** Assignments dispatched to it in the period (主办 or 协办). */
  dispatched: number;
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

export type ZeroReportPeriodState = 'closed' | 'current';

export interface ZeroReportOverview {
  period: ZeroReportPeriod;
  /** closed: the period is over; current: it is running (a unit may still get tickets in it). */
  state: ZeroReportPeriodState;
  definition: string;
  counts: { units: number; withTickets: number; confirmed: number; missing: number };
  /** Missing first, then confirmed, then those with tickets; each in the directory's order. */
  units: ZeroReportLine[];
}

/** A unit's line: tickets decide over a confirmation (one made before a ticket came in the same period is moot). */
export function zeroReportLine(unit: Pick<UnitEntity, 'id' | 'name'>, dispatched: number, report: ZeroReportEntity | undefined): ZeroReportLine {
  const status: ZeroReportStatus = dispatched > 0 ? 'tickets' : report ? 'confirmed' : 'missing';
  return {
    unitId: unit.id,
    unit: unit.name,
    status,
    statusText: ZERO_REPORT_STATUS_LABELS[status],
    dispatched,
    confirmedAt: status === 'confirmed' ? report!.confirmedAt : null,
    confirmedBy: status === 'confirmed' ? report!.confirmedByName : null,
  };
}

const ORDER: ZeroReportStatus[] = ['missing', 'confirmed', 'tickets'];

export function sortedLines(lines: ZeroReportLine[]): ZeroReportLine[] {
  return [...lines].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.unitId - b.unitId);
}

export function countLines(lines: ZeroReportLine[]): ZeroReportOverview['counts'] {
  const n = (s: (typeof ZERO_REPORT_STATUSES)[number]) => lines.filter((l) => l.status === s).length;
  return { units: lines.length, withTickets: n('tickets'), confirmed: n('confirmed'), missing: n('missing') };
}
