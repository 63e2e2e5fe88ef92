import type { HubConfig } from '@hub/config';
import {
  ASSIGNMENTS,
  InMemoryAssignmentRepository,
  InMemoryUnitOfWork,
  InMemoryUnitRepository,
  InMemoryZeroReportRepository,
  UNITS,
  ZERO_REPORTS,
} from '@hub/database';
import type { Clock } from '@hub/domain';
import { ListZeroReportsUseCase } from '../list-zero-reports/list-zero-reports.usecase';
import { ConfirmZeroReportUseCase } from '../confirm-zero-report/confirm-zero-report.usecase';

/** Beijing wall time `2026-03-04 09:00` as an instant. */
export const beijing = (t: string) => new Date(`${t.replace(' ', 'T')}:00+08:00`);

/** Three units, assignments dispatched when a spec says, a settable clock, both 零报告 use cases. */
export function zeroReportWorld(period: 'week' | 'month' = 'week') {
  let now = beijing('2026-03-10 09:00');
  const clock: Clock = { now: () => new Date(now.getTime()) };
  const units = new InMemoryUnitRepository();
  for (const [name, active] of [
    ['市住房和城乡建设局', true],
    ['市生态环境局', true],
    ['市水务集团', true],
    ['已撤并的单位', false],
  ] as const)
    units.table.insert({
      name,
      kind: 'department',
      region: null,
      email: 'x@hub.local',
      active,
      parentId: null,
      tier: null,
      desk: false,
      regions: null,
      createdAt: now,
    });
  const assignments = new InMemoryAssignmentRepository();
  const reports = new InMemoryZeroReportRepository(assignments);
  const uow = new InMemoryUnitOfWork().provide(UNITS, units).provide(ASSIGNMENTS, assignments).provide(ZERO_REPORTS, reports);
  const config = { rates: { zeroReport: { period } } } as unknown as HubConfig;
  return {
    reports,
    setNow: (t: string) => (now = beijing(t)),
    /** An assignment dispatched to the unit at that Beijing time. */
    dispatch(unitId: number, at: string, role: 'lead' | 'assist' = 'lead'): void {
      const when = beijing(at);
      assignments.table.insert({
        ...{ ticketId: 100 + assignments.table.all().length, unitId, role, status: 'active', dispatchedAt: when, extensionCount: 0 },
        ...{ acknowledgedAt: null, returnedAt: null, returnReason: null, repliedAt: null, outcome: null, replyText: null, parentAssignmentId: null },
        ...{ createdAt: when, updatedAt: when },
      });
    },
    confirm: new ConfirmZeroReportUseCase(uow, clock, config),
    list: new ListZeroReportsUseCase(uow, clock, config),
  };
}

export const UNIT_USER = (name: string, id = 7) => ({ kind: 'unit' as const, id, name });
