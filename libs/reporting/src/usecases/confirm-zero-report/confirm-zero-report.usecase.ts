import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UnitOfWork, UNITS, UseCaseError, validateCommand, ZERO_REPORTS } from '@hub/database';
import { CLOCK, Clock, zeroReportBounds } from '@hub/domain';
import { zeroReportPeriod } from '../list-zero-reports/list-zero-reports.usecase';
import { ZeroReportLine, zeroReportLine } from '../list-zero-reports/zero-report-lines';
import { ConfirmZeroReportCommand } from './confirm-zero-report.command';

/**
 * 确认零报告: for the current period or one already over, a unit to which nothing was dispatched
 * in it confirms so. Refused (422) when something was; a second confirmation is the first.
 */
@Injectable()
export class ConfirmZeroReportUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'rates'>,
  ) {}

  async execute(input: ConfirmZeroReportCommand): Promise<ZeroReportLine & { period: string; created: boolean }> {
    const cmd = validateCommand(ConfirmZeroReportCommand, input);
    const now = this.clock.now();
    const period = zeroReportPeriod(this.config, now, cmd.period);
    const { start, end } = zeroReportBounds(period);
    return this.uow.run(async (tx) => {
      const unit = await tx.get(UNITS).findById(cmd.unitId);
      // Another unit's report is not there for a unit user, as another unit's ticket is not.
      if (!unit || !unit.active || (cmd.unitIds && !cmd.unitIds.includes(unit.id))) throw new UseCaseError('NOT_FOUND', `找不到承办单位 ${cmd.unitId}`);
      const reports = tx.get(ZERO_REPORTS);
      const dispatched = (await reports.dispatchedByUnit(start, end, [unit.id])).get(unit.id) ?? 0;
      if (dispatched > 0) throw new UseCaseError('ACTION_REFUSED', `${period.label}已向${unit.name}派发 ${dispatched} 件工单，不能确认零报告`);
      const { row, created } = await reports.confirm({
        unitId: unit.id,
        periodKey: period.key,
        confirmedAt: now,
        confirmedById: cmd.actor.id ?? null,
        confirmedByName: cmd.actor.name,
      });
      return { ...zeroReportLine(unit, 0, row), period: period.key, created };
    });
  }
}
