import { DataSource, EntityManager, In } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { DeadlineEntity, insertRows, isDeadlock, isUniqueViolation, OutgoingMailEntity, ReminderEntity, TicketEntity, UnitEntity } from '@hub/database';
import { Clock, formatTicketNumber } from '@hub/domain';
import { formatDueShanghai } from '@hub/notify';
import type { JobProducer } from '@hub/queue';
import type { DeadlinePolicies } from '../deadline-policies';
import { DueReminder, REMINDER_LEVEL_LABELS, ReminderLevel } from '../reminder-ladder';
import { DigestResult, OverdueDigestSender } from './overdue-digest-sender';
import { escalationMail, stageLabel, unitReminderMail } from './reminder-mails';
import { reminderOutboxKey, SILENT_STAGES } from './sweep-keys';


export interface SweepOptions {
  /** Rows locked and decided per transaction. */
  batchSize?: number;
  /** Stop after this many rows in one pass (the next pass continues). */
  maxRows?: number;
  /** Concurrent batches on MySQL/MariaDB (default 2; SQLite always runs one). */
  lanes?: number;
  /** Also send the day's digest when its time has come (default true). */
  digests?: boolean;
}

export interface SweepResult {
  now: string;
  /** Due rows read (nextReminderAt <= now). */
  examined: number;
  /** Reminders decided now and written with their mail, per stage and level. */
  byStage: Record<string, Partial<Record<ReminderLevel, number>>>;
  byLevel: Partial<Record<ReminderLevel, number>>;
  sent: number;
  /** Levels passed over because a more severe one went out at once (catchUp: latest). */
  skipped: number;
  /** Keys already in `reminders` (another sweep had them). */
  duplicates: number;
  /** Return-window rows: stored, nothing sent. */
  silent: number;
  /** Reminders without anyone to send to (unit without e-mail, no supervisors configured). */
  noRecipient: number;
  /** Outbox rows written (enqueued as mail-send after each commit). */
  mails: number;
  batches: number;
  /** The daily digest, when this pass was the first after its time (else null). */
  digest: DigestResult | null;
  ms: number;
}

interface RowUpdate {
  id: number;
  version: number;
  last: string | null;
  nextAt: Date | null;
  nextLevel: string | null;
}

interface Decided {
  row: DeadlineEntity;
  send: DueReminder;
}

const SYSTEM = { kind: 'system', id: null, name: '时限催办' } as const;
const TIMELINE_LEVELS: ReminderLevel[] = ['overdue', 'escalation'];

/**
 * One pass of the reminder ladder over the database. Rows due for a reminder are read through the
 * (status, nextReminderAt) index in batches and locked (FOR UPDATE SKIP LOCKED on MySQL/MariaDB,
 * so concurrent sweepers share the work instead of doing it twice). For each decided level, in the
 * same transaction: a `reminders` row by its unique key, the outbox mail, a ticket event, and
 * the deadline's lastLevelSent / nextReminderAt, guarded by its dueVersion. Mails are enqueued
 * after the commit; if Redis loses them the outbox sweep sends them later, still once.
 */
export class DeadlineSweep {
  private readonly batchSize: number;
  private readonly maxRows: number;
  private readonly lanes: number;
  private readonly withDigests: boolean;
  private units: Map<number, { name: string; email: string }> | null = null;
  readonly digests: OverdueDigestSender;

  constructor(
    private readonly ds: DataSource,
    private readonly config: HubConfig,
    private readonly policies: DeadlinePolicies,
    private readonly clock: Clock,
    private readonly jobs: JobProducer | null,
    opts: SweepOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 1000;
    this.maxRows = opts.maxRows ?? 200_000;
    this.lanes = Math.max(1, opts.lanes ?? 2);
    this.withDigests = opts.digests ?? true;
    this.digests = new OverdueDigestSender(ds, config, policies, clock, jobs);
  }

  private get mysql(): boolean {
    return this.ds.options.type === 'mysql' || this.ds.options.type === 'mariadb';
  }

  async run(now: Date = this.clock.now()): Promise<SweepResult> {
    const started = Date.now();
    const result: SweepResult = {
      now: now.toISOString(), examined: 0, byStage: {}, byLevel: {}, sent: 0, skipped: 0, duplicates: 0, silent: 0, noRecipient: 0, mails: 0, batches: 0, digest: null, ms: 0,
    };
    this.units = null;
    // On MySQL/MariaDB two lanes share the backlog (SKIP LOCKED hands them disjoint rows), so one
    // lane's database round trips overlap the other's composing; mails are queued while the next
    // batch is decided.
    const enqueued: Array<Promise<void>> = [];
    const lane = async () => {
      while (result.examined < this.maxRows) {
        const { examined, outboxIds } = await this.batchWithRetry(now, result);
        result.batches++;
        enqueued.push(this.enqueue(outboxIds));
        if (examined < this.batchSize) break;
      }
    };
    await Promise.all(Array.from({ length: this.mysql ? this.lanes : 1 }, lane));
    await Promise.all(enqueued);
    if (this.withDigests) result.digest = await this.digests.sendDue(now);
    result.ms = Date.now() - started;
    return result;
  }

  /** A unique-key clash (another sweeper won a race the locks did not cover) or a deadlock between lanes: decide again. */
  private async batchWithRetry(now: Date, result: SweepResult) {
    try {
      return await this.batch(now, result);
    } catch (e) {
      if (!isUniqueViolation(e) && !isDeadlock(e)) throw e;
      return this.batch(now, result);
    }
  }

  private async enqueue(outboxIds: number[]): Promise<void> {
    if (!this.jobs || !outboxIds.length) return;
    // One round trip per batch; a failure leaves the rows pending for the outbox sweep.
    await this.jobs.addMany('mail-send', outboxIds.map((outboxId) => ({ outboxId }))).catch(() => undefined);
  }

  private async batch(now: Date, result: SweepResult): Promise<{ examined: number; outboxIds: number[] }> {
    const counts = { examined: 0, outboxIds: [] as number[] };
    const work = async (m: EntityManager) => {
      const qb = m.getRepository(DeadlineEntity).createQueryBuilder('d')
        .where('d.status = :open', { open: 'open' })
        .andWhere('d.nextReminderAt <= :now', { now })
        .orderBy('d.nextReminderAt', 'ASC')
        .limit(this.batchSize);
      if (this.mysql) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await qb.getMany();
      counts.examined = rows.length;
      if (!rows.length) return;

      const updates: RowUpdate[] = [];
      const decided: Decided[] = [];
      let skipped = 0;
      let silent = 0;
      for (const row of rows) {
        if (SILENT_STAGES.includes(row.stage)) {
          silent++;
          updates.push({ id: row.id, version: row.dueVersion, last: row.lastLevelSent, nextAt: null, nextLevel: null });
          continue;
        }
        const d = this.policies.toLadder({ ...row, version: row.dueVersion, basis: row.basis });
        const decision = this.policies.ladder.decide(d, now);
        skipped += decision.skipped.length;
        updates.push({
          id: row.id, version: row.dueVersion, last: decision.lastLevelSent, nextAt: decision.next?.at ?? null, nextLevel: decision.next?.level ?? null,
        });
        for (const send of decision.send) decided.push({ row, send });
      }

      const existing = decided.length
        ? new Set((await m.getRepository(ReminderEntity).find({ where: { key: In(decided.map((x) => x.send.key)) }, select: ['id', 'key'] })).map((r) => r.key))
        : new Set<string>();
      const fresh = decided.filter((x) => !existing.has(x.send.key));
      const mails = await this.compose(m, fresh);

      const outbox = mails.filter((x) => x.to.length);
      await insertRows(m, 'outgoing_mail', outbox.map((x) => ({
        dedupeKey: reminderOutboxKey(x.item.send.key), kind: 'reminder', to: x.to.join(', '), subject: x.subject.slice(0, 500), text: x.text,
        ticketId: x.item.row.ticketId, status: 'pending', attempts: 0, nextAttemptAt: new Date(),
      })), { ignore: true });
      const ids = new Map<string, number>();
      for (let i = 0; i < outbox.length; i += 1000) {
        const found = await m.getRepository(OutgoingMailEntity).find({
          where: { dedupeKey: In(outbox.slice(i, i + 1000).map((x) => reminderOutboxKey(x.item.send.key))) }, select: ['id', 'dedupeKey'],
        });
        for (const f of found) ids.set(f.dedupeKey, f.id);
      }
      await insertRows(m, 'reminders', mails.map((x) => {
        const outboxId = ids.get(reminderOutboxKey(x.item.send.key)) ?? null;
        return {
          key: x.item.send.key, deadlineId: x.item.row.id, ticketId: x.item.row.ticketId, unitId: x.item.row.unitId, stage: x.item.row.stage,
          level: x.item.send.level, scheduledAt: x.item.send.at, status: outboxId ? 'pending' : 'failed', outboxId, recipients: x.to,
          error: outboxId ? null : x.problem,
        };
      }));
      // The timeline shows 催办 (overdue) and 督办 (escalation); warnings stay in `reminders`.
      const chased = mails.filter((x) => TIMELINE_LEVELS.includes(x.item.send.level));
      await insertRows(m, 'ticket_events', chased.map((x) => ({
        ticketId: x.item.row.ticketId, type: x.item.send.level === 'escalation' ? 'escalation' : 'reminder', actorKind: SYSTEM.kind, actorId: SYSTEM.id,
        actorName: SYSTEM.name, at: now, reason: `${stageLabel(x.item.row.stage)}${REMINDER_LEVEL_LABELS[x.item.send.level]}（时限 ${formatDueShanghai(x.item.row.dueAt)}）`,
        data: {
          level: x.item.send.level, stage: x.item.row.stage, deadlineId: x.item.row.id, dueAt: x.item.row.dueAt.toISOString(),
          key: x.item.send.key, recipients: x.to, unitId: x.item.row.unitId,
        },
      })));
      await this.store(m, updates);

      result.examined += rows.length;
      result.skipped += skipped;
      result.silent += silent;
      result.duplicates += decided.length - fresh.length;
      for (const x of mails) {
        const level = x.item.send.level;
        const stage = (result.byStage[x.item.row.stage] ??= {});
        stage[level] = (stage[level] ?? 0) + 1;
        result.byLevel[level] = (result.byLevel[level] ?? 0) + 1;
        result.sent++;
        if (!x.to.length) result.noRecipient++;
      }
      counts.outboxIds = [...ids.values()];
      result.mails += counts.outboxIds.length;
    };
    if (this.mysql) await this.ds.transaction('READ COMMITTED', work);
    else await this.ds.transaction(work);
    return counts;
  }

  /** The recipients, subject and text of each reminder. */
  private async compose(m: EntityManager, items: Decided[]) {
    if (!items.length) return [];
    const units = await this.unitDirectory(m);
    const ticketIds = [...new Set(items.map((x) => x.row.ticketId))];
    const tickets = new Map<number, { receivedAt: Date; excerpt: string; urgent: boolean }>();
    for (let i = 0; i < ticketIds.length; i += 1000) {
      const rows = await m.getRepository(TicketEntity).createQueryBuilder('t')
        .select(['t.id AS id', 't.receivedAt AS receivedAt', 't.subject AS subject', 'substr(t.text, 1, 40) AS excerpt', 't.urgency AS urgency'])
        .where('t.id IN (:...ids)', { ids: ticketIds.slice(i, i + 1000) })
        .getRawMany<{ id: number; receivedAt: Date | string; subject: string | null; excerpt: string; urgency: string }>();
      for (const r of rows) {
        const receivedAt = r.receivedAt instanceof Date ? r.receivedAt : new Date(`${String(r.receivedAt).replace(' ', 'T')}Z`);
        tickets.set(Number(r.id), { receivedAt, excerpt: oneLine(r.subject || r.excerpt || ''), urgent: r.urgency === 'urgent' });
      }
    }
    const supervisors = this.config.units.supervisors.map((s) => s.email);
    return items.map((item) => {
      const t = tickets.get(item.row.ticketId);
      const unit = item.row.unitId != null ? units.get(item.row.unitId) ?? null : null;
      const facts = {
        number: t ? formatTicketNumber(this.config.env.ticketPrefix, t.receivedAt, item.row.ticketId) : String(item.row.ticketId),
        excerpt: t?.excerpt ?? '', stage: item.row.stage, level: item.send.level, dueAt: item.row.dueAt, unitName: unit?.name ?? null,
        link: `${this.config.env.publicUrl}/#/tickets/${item.row.ticketId}`, urgent: t?.urgent ?? false,
      };
      // A stage without a unit (dispatch) is the operators' own: supervisors get its warnings too,
      // worded as warnings; only escalation is 督办.
      const toSupervisors = item.send.audience === 'supervisors' || !unit;
      const to = toSupervisors ? supervisors : unit.email ? [unit.email] : [];
      const mail = item.send.level === 'escalation' ? escalationMail(facts) : unitReminderMail(facts);
      const problem = to.length ? null : toSupervisors ? '没有督办人员邮箱（config/units.yaml 的 supervisors）' : `单位 ${unit?.name} 没有邮箱`;
      return { item, to, ...mail, problem };
    });
  }

  private async unitDirectory(m: EntityManager) {
    if (!this.units) {
      const rows = await m.getRepository(UnitEntity).find({ select: ['id', 'name', 'email'] });
      this.units = new Map(rows.map((u) => [u.id, { name: u.name, email: u.email }]));
    }
    return this.units;
  }

  /** lastLevelSent and the next reminder, only where the due time has not moved meanwhile. */
  private async store(m: EntityManager, updates: RowUpdate[]): Promise<void> {
    if (!updates.length) return;
    if (!this.mysql) {
      for (const u of updates) {
        await m.getRepository(DeadlineEntity).update({ id: u.id, dueVersion: u.version }, { lastLevelSent: u.last, nextReminderAt: u.nextAt, nextLevel: u.nextLevel });
      }
      return;
    }
    for (let i = 0; i < updates.length; i += 1000) {
      const part = updates.slice(i, i + 1000);
      const rows = part.map(() => 'SELECT ? AS id, ? AS v, ? AS l, CAST(? AS DATETIME(3)) AS na, ? AS nl').join(' UNION ALL ');
      const params = part.flatMap((u) => [u.id, u.version, u.last, u.nextAt, u.nextLevel]);
      await m.query(
        `UPDATE deadlines d JOIN (${rows}) x ON d.id = x.id AND d.dueVersion = x.v
         SET d.lastLevelSent = x.l, d.nextReminderAt = x.na, d.nextLevel = x.nl`,
        params,
      );
    }
  }
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}
