import { Inject, Injectable } from '@nestjs/common';
import { DeadlineEntity, DEADLINES, NewDeadline, OpenDeadlineQuery, Transaction } from '@hub/database';
import { SUPERVISION_STAGE } from '@hub/domain';
import { CityOf, DEADLINE_PLANNER, DeadlinePlanner, DeadlineStage, PlannedDue, PolicyContext } from './deadline-planner';

function storedBasis(b: string): 'working' | 'calendar' | 'hours' {
  return b === 'working' || b === 'hours' ? b : 'calendar';
}

/** A clock that is closed or paused is never scheduled, so no calendar is asked for it. */
const NOT_SCHEDULED: CityOf = { city: null };

export interface OpenArgs {
  ticketId: number;
  assignmentId?: number | null;
  unitId?: number | null;
  stage: DeadlineStage;
  start: Date;
  ctx: PolicyContext;
  rework?: boolean;
  dueAt?: Date;
  /** A due time computed elsewhere (二级派单: a share of the desk's time), with its clock. */
  planned?: PlannedDue;
}

type Where = { ticketId?: number; assignmentId?: number; stages?: Array<DeadlineStage | typeof SUPERVISION_STAGE> };

/** Opening, meeting, pausing and moving deadlines: the rows the reminder sweep reads. */
@Injectable()
export class DeadlineBook {
  constructor(@Inject(DEADLINE_PLANNER) readonly planner: DeadlinePlanner) {}

  async open(tx: Pick<Transaction, 'get'>, args: OpenArgs): Promise<DeadlineEntity | null> {
    const row = this.plan(args);
    return row ? tx.get(DEADLINES).add(row) : null;
  }

  /** The row `open` writes (null when the policy sets no limit for the stage), for callers that write many at once. */
  plan(args: OpenArgs): NewDeadline | null {
    // 退回重办 reopens the reply limit with the policy's rework time.
    const policy = args.rework ? this.planner.reworkDue(args.ctx, args.start) : this.planner.due(args.stage, args.ctx, args.start);
    // A due time the sending system set (an upstream work order) stands instead of the policy's, counted on the calendar.
    const planned = args.planned ?? (args.dueAt ? { dueAt: args.dueAt, warnings: [], basis: 'calendar' as const, storedBasis: 'calendar' as const } : policy);
    if (!planned) return null;
    const row = {
      ticketId: args.ticketId,
      assignmentId: args.assignmentId ?? null,
      unitId: args.unitId ?? null,
      stage: args.stage,
      startAt: args.start,
      dueAt: planned.dueAt,
      basis: planned.storedBasis ?? planned.basis ?? 'calendar',
      status: 'open',
      metAt: null,
      pausedAt: null,
      pausedMs: 0,
      dueVersion: 1,
      lastLevelSent: null,
      warnings: planned.warnings.length ? planned.warnings : null,
      nextReminderAt: null,
      nextLevel: null,
    } as DeadlineEntity;
    this.schedule(row, args.start, args.ctx);
    return row;
  }

  /**
   * The clocks a unit's new assignment starts (交办, 改派): the lead's 签收, 退回 window, first
   * contact and reply, an assisting unit's reply; a reply due time the sending system set (an
   * upstream work order, still ahead) stands for the lead. `reply` is among `rows`.
   */
  planDispatch(args: { ticketId: number; unitId: number; role: 'lead' | 'assist'; start: Date; ctx: PolicyContext; externalDueAt: Date | null }) {
    const at = { ticketId: args.ticketId, unitId: args.unitId, start: args.start, ctx: args.ctx };
    const lead = args.role === 'lead';
    const keep = lead && args.externalDueAt && args.externalDueAt > args.start ? args.externalDueAt : undefined;
    const reply = this.plan({ ...at, stage: 'reply', dueAt: keep });
    const clocks = lead ? (['acknowledge', 'return_window', 'first_contact'] as const).map((stage) => this.plan({ ...at, stage })) : [];
    return { rows: [...clocks, reply].filter((d): d is NewDeadline => d !== null), reply };
  }

  /**
   * A due time someone set by hand (a 督办单's): no policy, wall-clock time, the same ladder. It is
   * the order's own clock: the ticket's actions (close, pause, cancel all) leave it alone.
   */
  openFixed(tx: Pick<Transaction, 'get'>, args: { ticketId: number; unitId: number; stage: typeof SUPERVISION_STAGE; start: Date; dueAt: Date; ctx: CityOf }) {
    const row = {
      ticketId: args.ticketId,
      assignmentId: null,
      unitId: args.unitId,
      stage: args.stage,
      startAt: args.start,
      dueAt: args.dueAt,
      basis: 'calendar',
      status: 'open',
      metAt: null,
      pausedAt: null,
      pausedMs: 0,
      dueVersion: 1,
      lastLevelSent: null,
      warnings: null,
      nextReminderAt: null,
      nextLevel: null,
    } as unknown as DeadlineEntity;
    this.schedule(row, args.start, args.ctx);
    return tx.get(DEADLINES).add(row);
  }

  /** Ends one fixed deadline (an order answered or withdrawn); the ticket's other clocks run on. */
  async endFixed(tx: Pick<Transaction, 'get'>, ticketId: number, deadlineId: number, how: 'met' | 'cancelled', at: Date): Promise<void> {
    const deadlines = tx.get(DEADLINES);
    const row = (await deadlines.listOpen({ ticketId, stages: [SUPERVISION_STAGE] })).find((d) => d.id === deadlineId);
    if (!row) return;
    row.status = how;
    row.metAt = at;
    this.schedule(row, at, NOT_SCHEDULED);
    await deadlines.save(row);
  }

  /** Sets nextReminderAt/nextLevel from the ladder on the ticket's city's calendar (nothing while paused or closed). */
  schedule(row: DeadlineEntity, after: Date, ctx: CityOf): void {
    if (row.status !== 'open' || row.pausedAt) {
      row.nextReminderAt = null;
      row.nextLevel = null;
      return;
    }
    const next = this.planner.nextReminder(
      {
        id: row.id,
        stage: row.stage,
        startAt: row.startAt,
        dueAt: row.dueAt,
        pausedMs: row.pausedMs,
        lastLevelSent: row.lastLevelSent,
        basis: storedBasis(row.basis),
        version: row.dueVersion,
      },
      after,
      ctx,
    );
    row.nextReminderAt = next?.at ?? null;
    row.nextLevel = next?.level ?? null;
  }

  private async each(tx: Pick<Transaction, 'get'>, where: OpenDeadlineQuery, fn: (d: DeadlineEntity) => void) {
    const deadlines = tx.get(DEADLINES);
    // A supervision order's clock is only ever named explicitly (see openFixed).
    const rows = (await deadlines.listOpen(where)).filter((r) => where.stages || r.stage !== SUPERVISION_STAGE);
    for (const r of rows) {
      fn(r);
      await deadlines.save(r);
    }
    return rows;
  }

  meet(tx: Pick<Transaction, 'get'>, where: Where & { stages: NonNullable<Where['stages']> }, at: Date) {
    return this.each(tx, where, (d) => {
      d.status = 'met';
      d.metAt = at;
      this.schedule(d, at, NOT_SCHEDULED);
    });
  }

  cancel(tx: Pick<Transaction, 'get'>, where: Where, at: Date) {
    return this.each(tx, where, (d) => {
      d.status = 'cancelled';
      d.metAt = at;
      this.schedule(d, at, NOT_SCHEDULED);
    });
  }

  /** The clock stops (waiting for the requester, an extension decision or a return review). */
  pause(tx: Pick<Transaction, 'get'>, where: Where, at: Date) {
    return this.each(tx, where, (d) => {
      if (d.pausedAt) return;
      d.pausedAt = at;
      this.schedule(d, at, NOT_SCHEDULED);
    });
  }

  /**
   * The clock runs again; the due time moves by the time it stood still, on the ticket's city's
   * calendar (`ctx`); an approved extension (`extendDays`) needs the ticket's whole policy context.
   */
  resume(tx: Pick<Transaction, 'get'>, where: Where, at: Date, ctx: CityOf | PolicyContext, extendDays = 0) {
    return this.each(tx, where, (d) => {
      if (d.pausedAt) {
        const moved = this.planner.resume({ dueAt: d.dueAt, basis: d.basis === 'working' ? 'working' : 'calendar' }, d.pausedAt, at, ctx);
        d.pausedMs += moved.pausedMs;
        if (moved.dueAt.getTime() !== d.dueAt.getTime()) d.dueVersion += 1;
        d.dueAt = moved.dueAt;
        d.pausedAt = null;
        if (moved.warnings.length) d.warnings = [...new Set([...(d.warnings ?? []), ...moved.warnings])];
      }
      if (extendDays > 0 && 'channel' in ctx) {
        // Levels already sent stay sent: an approved extension must not fire yellow again at once.
        const moved = this.planner.extend(d.dueAt, extendDays, ctx);
        d.dueAt = moved.dueAt;
        d.dueVersion += 1;
        if (moved.warnings.length) d.warnings = [...new Set([...(d.warnings ?? []), ...moved.warnings])];
      }
      this.schedule(d, at, ctx);
    });
  }
}
