import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UnitOfWork, UNITS, UseCaseError, validateCommand, ZERO_REPORTS } from '@hub/database';
import {
  CLOCK,
  Clock,
  parseZeroReportPeriod,
  ZERO_REPORT_DEFINITION,
  ZeroReportPeriod,
  zeroReportBounds,
  zeroReportPeriodAt,
  zeroReportPeriodStarted,
} from '@hub/domain';
import { ListZeroReportsCommand } from './list-zero-reports.command';
import { countLines, sortedLines, ZeroReportOverview, zeroReportLine } from './zero-report-lines';

/** The period a key names (the current one without a key); one not yet begun is refused. */
export function zeroReportPeriod(config: Pick<HubConfig, 'rates'>, now: Date, key?: string | null): ZeroReportPeriod {
  const kind = config.rates?.zeroReport?.period ?? 'week';
  const p = key ? parseZeroReportPeriod(kind, key) : zeroReportPeriodAt(kind, now);
  if (!zeroReportPeriodStarted(p, now)) throw new UseCaseError('BAD_INPUT', `${p.label}尚未开始，不能填报或查看零报告`, 'period');
  return p;
}

/**
 * 零报告 of a period, unit by unit: dispatched to (有工单), confirmed (who, when), or missing. The
 * office's view lists every active unit; a unit user's only its own.
 */
@Injectable()
export class ListZeroReportsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'rates'>,
  ) {}

  async execute(input: ListZeroReportsCommand): Promise<ZeroReportOverview> {
    const cmd = validateCommand(ListZeroReportsCommand, input);
    const now = this.clock.now();
    const period = zeroReportPeriod(this.config, now, cmd.period);
    const { start, end } = zeroReportBounds(period);
    const scope = cmd.unitIds ?? undefined;
    const units = (await this.uow.read(UNITS).listAll()).filter((u) => u.active && (!scope || scope.includes(u.id)));
    const ids = units.map((u) => u.id);
    const reports = this.uow.read(ZERO_REPORTS);
    const dispatched = await reports.dispatchedByUnit(start, end, ids);
    const confirmed = new Map((await reports.listForPeriod(period.key, ids)).map((r) => [r.unitId, r]));
    const lines = sortedLines(units.map((u) => zeroReportLine(u, dispatched.get(u.id) ?? 0, confirmed.get(u.id))));
    return {
      period,
      state: now.getTime() >= end.getTime() ? 'closed' : 'current',
      definition: ZERO_REPORT_DEFINITION,
      counts: countLines(lines),
      units: lines,
    };
  }
}
