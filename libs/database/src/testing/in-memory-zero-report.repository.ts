import type { AssignmentEntity, ZeroReportEntity } from '../entities';
import type { NewZeroReport, ZeroReportRepository } from '../repositories/zero-report.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** 零报告 rows; what was dispatched is read from the assignments table given (the spec's). */
export class InMemoryZeroReportRepository implements ZeroReportRepository, Snapshottable {
  readonly table = new InMemoryTable<ZeroReportEntity>();
  constructor(private readonly assignments: { table: InMemoryTable<AssignmentEntity> }) {}

  async find(unitId: number, periodKey: string): Promise<ZeroReportEntity | null> {
    return this.table.where((r) => r.unitId === unitId && r.periodKey === periodKey)[0] ?? null;
  }
  async confirm(row: NewZeroReport): Promise<{ row: ZeroReportEntity; created: boolean }> {
    const existing = await this.find(row.unitId, row.periodKey);
    if (existing) return { row: existing, created: false };
    return { row: this.table.insert({ ...row, createdAt: new Date() }), created: true };
  }
  async listForPeriod(periodKey: string, unitIds?: number[]): Promise<ZeroReportEntity[]> {
    return this.table.where((r) => r.periodKey === periodKey && (!unitIds || unitIds.includes(r.unitId))).sort((a, b) => a.id - b.id);
  }
  async dispatchedByUnit(start: Date, end: Date, unitIds?: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const a of this.assignments.table.all()) {
      const t = a.dispatchedAt.getTime();
      if (t < start.getTime() || t >= end.getTime() || (unitIds && !unitIds.includes(a.unitId))) continue;
      out.set(a.unitId, (out.get(a.unitId) ?? 0) + 1);
    }
    return out;
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
