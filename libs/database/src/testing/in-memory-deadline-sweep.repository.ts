import type {
  DeadlineSweepRepository,
  DueCursor,
  DueDeadline,
  OverdueDeadline,
  ReminderDecision,
  TicketSummary,
} from '../repositories/deadline-sweep.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export type InMemoryDeadlineRow = Omit<DueDeadline, 'assignmentId'> & { assignmentId?: number | null; nextReminderAt: Date | null; nextLevel: string | null };

/** Deadlines, units and tickets as the sweep reads them, kept in memory (one writer, as SQLite). */
export class InMemoryDeadlineSweepRepository implements DeadlineSweepRepository, Snapshottable {
  readonly concurrentBatches = false;
  readonly deadlines = new InMemoryTable<InMemoryDeadlineRow>();
  readonly units = new Map<number, { name: string; email: string }>();
  readonly tickets = new Map<number, TicketSummary>();
  /** 二级派单: assignment id -> the desk unit above it. */
  readonly desks = new Map<number, number>();

  async lockDue(now: Date, limit: number, after: DueCursor | null = null): Promise<DueDeadline[]> {
    const at = (d: InMemoryDeadlineRow) => (d.nextReminderAt as Date).getTime();
    return this.deadlines
      .where((d) => d.status === 'open' && d.nextReminderAt != null && d.nextReminderAt <= now)
      .filter((d) => !after || at(d) > after.at.getTime() || (at(d) === after.at.getTime() && d.id > after.id))
      .sort((a, b) => at(a) - at(b) || a.id - b.id)
      .slice(0, limit)
      .map((d) => ({ ...d, assignmentId: d.assignmentId ?? null }));
  }
  async storeDecisions(decisions: ReminderDecision[]): Promise<void> {
    for (const u of decisions) {
      if (this.deadlines.get(u.id)?.dueVersion !== u.dueVersion) continue;
      this.deadlines.update(u.id, { lastLevelSent: u.lastLevelSent, nextReminderAt: u.nextReminderAt, nextLevel: u.nextLevel });
    }
  }
  async unitDirectory(): Promise<Map<number, { name: string; email: string }>> {
    return new Map(this.units);
  }
  async deskUnitsOf(assignmentIds: number[]): Promise<Map<number, number>> {
    return new Map(assignmentIds.filter((id) => this.desks.has(id)).map((id) => [id, this.desks.get(id) as number]));
  }
  async ticketSummaries(ticketIds: number[]): Promise<Map<number, TicketSummary>> {
    return new Map(ticketIds.filter((id) => this.tickets.has(id)).map((id) => [id, this.tickets.get(id) as TicketSummary]));
  }
  async listOverdue(before: Date, exceptStages: string[]): Promise<OverdueDeadline[]> {
    return this.deadlines
      .where((d) => d.status === 'open' && d.dueAt < before && !exceptStages.includes(d.stage) && this.tickets.has(d.ticketId))
      .map((d) => {
        const unit = d.unitId != null ? this.units.get(d.unitId) : undefined;
        return {
          id: d.id,
          ticketId: d.ticketId,
          assignmentId: d.assignmentId ?? null,
          ticketReceivedAt: (this.tickets.get(d.ticketId) as TicketSummary).receivedAt,
          unitId: d.unitId,
          unitName: unit?.name ?? null,
          unitEmail: unit?.email || null,
          stage: d.stage,
          dueAt: d.dueAt,
          status: d.status,
          pausedAt: d.pausedAt,
          lastLevelSent: d.lastLevelSent,
        };
      });
  }
  snapshot(): () => void {
    return this.deadlines.snapshot();
  }
}
