import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  DEADLINE_SWEEP,
  DeadlineSweepRepository,
  DueCursor,
  isDeadlock,
  isUniqueViolation,
  OUTBOX,
  REMINDERS,
  SUPERVISION_ORDERS,
  TICKET_EVENTS,
  TicketSummary,
  Transaction,
  UnitOfWork,
  validateCommand,
} from '@hub/database';
import { CityDeadlinePolicies, DeadlinePolicies, REMINDER_LEVEL_LABELS, ReminderLevel } from '@hub/deadlines';
import { CLOCK, Clock, orderTransition, SUPERVISION_STAGE } from '@hub/domain';
import { formatDueShanghai, liaisonOf, liaisonReminderSms, queueSmsBatch, reminderOutboxKey, stageLabel } from '@hub/notify';
import { JOB_PRODUCER, JobProducer, mailSendJobs } from '@hub/queue';
import { SendOverdueDigestUseCase } from '../send-overdue-digest/send-overdue-digest.usecase';
import { composeReminderMails, ReminderMail } from './compose-reminder-mails';
import { DecidedReminder, decideReminders } from './decide-reminders';
import { SweepDeadlinesCommand } from './sweep-deadlines.command';
import { addBatch, BatchCounts, emptySweepResult, SweepResult } from './sweep-result';

const SYSTEM = { kind: 'system', id: null, name: '时限催办' } as const;
/** The timeline shows 催办 (overdue) and 督办 (escalation); warnings stay in `reminders`. */
const TIMELINE_LEVELS: ReminderLevel[] = ['overdue', 'escalation'];
/** A unit's liaison officer (联络员) gets an SMS from 红灯 on: the yellow warning is mail only, 督办 goes to supervisors. */
const LIAISON_SMS_LEVELS: ReminderLevel[] = ['red', 'due', 'overdue'];

/** What one pass shares between its batches. */
interface Pass {
  now: Date;
  batchSize: number;
  /**
   * The furthest row (in the due order) a batch of this pass has locked: the next batch reads on
   * from there, not again over the rows already done. A batch done again starts where it first did.
   */
  cursor: DueCursor | null;
  /** The unit directory, read once per pass. */
  units: Promise<Map<number, { name: string; email: string }>> | null;
  /** Each batch's mails, queued after its commit while the next batch is decided. */
  enqueued: Array<Promise<void>>;
}

/**
 * One pass of the reminder ladder over the database. Rows due for a reminder are read through the
 * (status, nextReminderAt) index in batches and locked (SKIP LOCKED on MySQL/MariaDB, so
 * concurrent sweepers share the work instead of doing it twice). For each decided level, in the
 * same transaction: a `reminders` row by its unique key, the outbox mail, a ticket event, and
 * the deadline's lastLevelSent / nextReminderAt, guarded by its dueVersion. Mails are queued
 * after the commit; if Redis loses them the outbox sweep sends them later, still once.
 */
@Injectable()
export class SweepDeadlinesUseCase {
  /** The policies with each city's calendar: a city's ticket's ladder counts on its working days. */
  private readonly policies: CityDeadlinePolicies;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CityDeadlinePolicies) policies: CityDeadlinePolicies | DeadlinePolicies,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    private readonly digests: SendOverdueDigestUseCase,
  ) {
    this.policies = policies instanceof CityDeadlinePolicies ? policies : new CityDeadlinePolicies(policies, new Map());
  }

  async execute(input: SweepDeadlinesCommand = {}): Promise<SweepResult> {
    const command = validateCommand(SweepDeadlinesCommand, input);
    const started = Date.now();
    const now = command.now ?? this.clock.now();
    const maxRows = command.maxRows ?? 200_000;
    const result = emptySweepResult(now);
    const pass: Pass = { now, batchSize: command.batchSize ?? 1000, cursor: null, units: null, enqueued: [] };
    // Where the database shares locked rows out (MySQL/MariaDB), two lanes work the backlog, so one
    // lane's round trips overlap the other's composing; mails are queued while the next batch is decided.
    const lanes = this.uow.read(DEADLINE_SWEEP).concurrentBatches ? (command.lanes ?? 2) : 1;
    const lane = async () => {
      while (result.examined < maxRows) {
        const batch = await this.batchWithRetry(pass);
        result.batches++;
        addBatch(result, batch);
        if (batch.examined < pass.batchSize) break;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    await Promise.all(pass.enqueued);
    if (command.digests ?? true) result.digest = await this.digests.execute({ now });
    result.ms = Date.now() - started;
    return result;
  }

  /**
   * The first attempt writes without asking which reminder keys exist (the rows are locked and
   * their decisions stored with them, so a clash is rare); a unique-key clash (a reminder written
   * before, or by a sweeper the locks did not keep out) or a deadlock between lanes rolls the batch
   * back, and it is decided again, this time leaving out the keys already there.
   */
  private async batchWithRetry(pass: Pass): Promise<BatchCounts> {
    const from = pass.cursor;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.batch(pass, from, attempt > 0);
      } catch (e) {
        if ((!isUniqueViolation(e) && !isDeadlock(e)) || attempt >= 2) throw e;
      }
    }
  }

  private batch(pass: Pass, from: DueCursor | null, checkExisting: boolean): Promise<BatchCounts> {
    return this.uow.run(
      async (tx) => {
        const deadlines = tx.get(DEADLINE_SWEEP);
        const rows = await deadlines.lockDue(pass.now, pass.batchSize, from);
        advance(pass, rows[rows.length - 1]);
        const counts: BatchCounts = { examined: rows.length, skipped: 0, silent: 0, duplicates: 0, written: [], mails: 0 };
        if (!rows.length) return counts;

        // With city calendars a row's calendar is its ticket's city's: the tickets are read once, before
        // deciding, and their summaries word the mails too. Without, every row counts on the
        // installation's calendar and only the tickets of rows that remind are read.
        const tickets = this.policies.hasCityCalendars ? await deadlines.ticketSummaries([...new Set(rows.map((r) => r.ticketId))]) : null;
        const ladder = decideReminders(
          rows,
          (row) => this.policies.of({ city: this.policies.cityOfPrefix(tickets?.get(row.ticketId)?.numberPrefix) }),
          pass.now,
        );
        const existing =
          checkExisting && ladder.decided.length ? await tx.get(REMINDERS).existingKeys(ladder.decided.map((x) => x.send.key)) : new Set<string>();
        const fresh = ladder.decided.filter((x) => !existing.has(x.send.key));
        const mails = fresh.length ? await this.compose(deadlines, pass, fresh, tickets) : [];
        const outboxIds = await this.write(tx, pass.now, mails);
        await deadlines.storeDecisions(ladder.decisions);

        // One round trip per batch, one job per MAILS_PER_JOB mails; a failure leaves the rows pending for the outbox sweep.
        tx.afterCommit(() => {
          if (outboxIds.length) pass.enqueued.push(this.jobs.addMany('mail-send-many', mailSendJobs(outboxIds)).catch(() => undefined));
        });
        return {
          ...counts,
          skipped: ladder.skipped,
          silent: ladder.silent,
          duplicates: ladder.decided.length - fresh.length,
          mails: outboxIds.length,
          written: mails.map((x) => ({ stage: x.item.row.stage, level: x.item.send.level, addressed: x.to.length > 0 })),
        };
      },
      { isolation: 'READ COMMITTED' },
    );
  }

  private async compose(
    deadlines: DeadlineSweepRepository,
    pass: Pass,
    fresh: DecidedReminder[],
    read: Map<number, TicketSummary> | null,
  ): Promise<ReminderMail[]> {
    // A failed read is not kept: the batch is retried or the pass ends.
    pass.units ??= deadlines.unitDirectory().catch((e: unknown) => {
      pass.units = null;
      throw e;
    });
    const units = await pass.units;
    const tickets = read ?? (await deadlines.ticketSummaries([...new Set(fresh.map((x) => x.row.ticketId))]));
    const assignments = [...new Set(fresh.map((x) => x.row.assignmentId).filter((id): id is number => id != null))];
    const desks = assignments.length ? await deadlines.deskUnitsOf(assignments) : new Map<number, number>();
    return composeReminderMails(fresh, {
      units,
      desks,
      tickets,
      supervisors: this.config.units.supervisors.map((s) => s.email),
      ticketPrefix: this.config.env.ticketPrefix,
      publicUrl: this.config.env.publicUrl,
    });
  }

  /** The outbox mails, the reminders (each pointing at its mail, or failed for want of a recipient) and the timeline events. */
  private async write(tx: Transaction, now: Date, mails: ReminderMail[]): Promise<number[]> {
    const ids = await tx.get(OUTBOX).ensureMany(
      mails
        .filter((x) => x.to.length)
        .map((x) => ({
          dedupeKey: reminderOutboxKey(x.item.send.key),
          kind: 'reminder',
          to: x.to,
          subject: x.subject,
          text: x.text,
          ticketId: x.item.row.ticketId,
        })),
    );
    await tx.get(REMINDERS).addMany(
      mails.map((x) => {
        const outboxId = ids.get(reminderOutboxKey(x.item.send.key)) ?? null;
        return {
          key: x.item.send.key,
          deadlineId: x.item.row.id,
          ticketId: x.item.row.ticketId,
          unitId: x.item.row.unitId,
          stage: x.item.row.stage,
          level: x.item.send.level,
          scheduledAt: x.item.send.at,
          status: outboxId ? 'pending' : 'failed',
          outboxId,
          recipients: x.to,
          error: outboxId ? null : x.problem,
        };
      }),
    );
    await queueSmsBatch(tx, this.liaisonSms(mails), now);
    await tx.get(TICKET_EVENTS).recordMany(
      mails
        .filter((x) => TIMELINE_LEVELS.includes(x.item.send.level))
        .map((x) => ({
          ticketId: x.item.row.ticketId,
          type: eventType(x.item.row.stage, x.item.send.level),
          actor: SYSTEM,
          at: now,
          reason:
            eventType(x.item.row.stage, x.item.send.level) === 'supervision_reported'
              ? `督办单逾期未回复，列入通报（回复时限 ${formatDueShanghai(x.item.row.dueAt)}）`
              : `${stageLabel(x.item.row.stage)}${REMINDER_LEVEL_LABELS[x.item.send.level]}（时限 ${formatDueShanghai(x.item.row.dueAt)}）`,
          data: {
            level: x.item.send.level,
            stage: x.item.row.stage,
            deadlineId: x.item.row.id,
            dueAt: x.item.row.dueAt.toISOString(),
            key: x.item.send.key,
            recipients: x.to,
            unitId: x.item.row.unitId,
          },
        })),
    );
    await this.report(tx, now, mails);
    return [...ids.values()];
  }

  /** The liaison SMS of the reminders addressed to a unit, each under its reminder's key (so sent once). */
  private liaisonSms(mails: ReminderMail[]) {
    return mails.flatMap((x) => {
      if (!x.unitName || x.item.send.audience === 'supervisors' || !LIAISON_SMS_LEVELS.includes(x.item.send.level)) return [];
      const liaison = liaisonOf(this.config, x.unitName);
      if (!liaison) return [];
      const draft = liaisonReminderSms({
        number: x.number,
        stage: stageLabel(x.item.row.stage),
        dueAt: x.item.row.dueAt,
        overdue: x.item.send.level === 'overdue',
      });
      return [{ ...draft, dedupeKey: reminderOutboxKey(x.item.send.key), phone: liaison.phone, ticketId: x.item.row.ticketId }];
    });
  }
  /** A 督办单 whose ladder reached its escalation is unanswered past its grace: it goes onto the 通报 list. */
  private async report(tx: Transaction, now: Date, mails: ReminderMail[]): Promise<void> {
    const ended = mails.filter((x) => x.item.row.stage === SUPERVISION_STAGE && x.item.send.level === 'escalation').map((x) => x.item.row.id);
    if (!ended.length) return;
    const orders = tx.get(SUPERVISION_ORDERS);
    for (const order of await orders.listOpenByDeadlines(ended)) {
      order.status = orderTransition('open', 'report');
      order.reportedAt = now;
      await orders.save(order);
    }
  }
}

/** Moves the pass's cursor to this row, unless another lane is already past it. */
function advance(pass: Pass, last: { id: number; nextReminderAt?: Date | null } | undefined): void {
  if (!last?.nextReminderAt) return;
  const at = last.nextReminderAt;
  const c = pass.cursor;
  if (!c || at.getTime() > c.at.getTime() || (at.getTime() === c.at.getTime() && last.id > c.id)) pass.cursor = { at, id: last.id };
}

function eventType(stage: string, level: ReminderLevel): string {
  if (level !== 'escalation') return 'reminder';
  return stage === SUPERVISION_STAGE ? 'supervision_reported' : 'escalation';
}
