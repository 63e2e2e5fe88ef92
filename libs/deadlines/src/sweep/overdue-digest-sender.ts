import { DataSource, In } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { DeadlineEntity, OutgoingMailEntity, ReminderEntity } from '@hub/database';
import { businessDate, Clock, formatTicketNumber } from '@hub/domain';
import type { JobProducer } from '@hub/queue';
import type { DeadlinePolicies } from '../deadline-policies';
import { buildOverdueDigest, DigestDeadline, digestTime, isDigestDay } from '../overdue-digest';
import { SILENT_STAGES } from './sweep-keys';
import { supervisorDigestMail, unitDigestMail } from './reminder-mails';

export interface DigestResult {
  day: string;
  /** Overdue deadlines listed. */
  items: number;
  /** Unit digests written now (a key already there is not written again). */
  units: number;
  supervisors: number;
  /** Keys that were already there (another worker, an earlier run). */
  duplicates: number;
  mails: number;
}

/**
 * The daily overdue digest (每日超期汇总): one mail per unit with overdue tickets and one for the
 * supervisors, each under its key (`digest-unit<id>-<day>`, `digest-supervisors-<day>`) in
 * `reminders` and as the outbox key, so a day's digest goes out once however often it is asked for.
 * The supervisors' digest goes out even when nothing is overdue (零报告).
 */
export class OverdueDigestSender {
  constructor(
    private readonly ds: DataSource,
    private readonly config: HubConfig,
    private readonly policies: DeadlinePolicies,
    private readonly clock: Clock,
    private readonly jobs: JobProducer | null,
  ) {}

  /** Today's digest once its time has come (for the sweep to call every pass: one indexed look-up when done). */
  async sendDue(now: Date = this.clock.now()): Promise<DigestResult | null> {
    const day = businessDate(now);
    const settings = this.policies.reminders;
    if (!isDigestDay(day, settings, this.policies.calendar) || now.getTime() < digestTime(day, settings).getTime()) return null;
    if (await this.ds.getRepository(ReminderEntity).exists({ where: { key: `digest-supervisors-${day}` } })) return null;
    return this.send(day);
  }

  async send(day: string): Promise<DigestResult> {
    const settings = this.policies.reminders;
    const at = digestTime(day, settings);
    const rows = await this.ds.getRepository(DeadlineEntity).createQueryBuilder('d')
      .innerJoin('tickets', 't', 't.id = d.ticketId')
      .leftJoin('units', 'u', 'u.id = d.unitId')
      .select([
        'd.id AS id', 'd.ticketId AS ticketId', 'd.unitId AS unitId', 'd.stage AS stage', 'd.dueAt AS dueAt', 'd.status AS status',
        'd.pausedAt AS pausedAt', 'd.lastLevelSent AS lastLevelSent', 't.receivedAt AS receivedAt', 'u.name AS unitName', 'u.email AS unitEmail',
      ])
      .where('d.status = :open', { open: 'open' })
      .andWhere('d.dueAt < :at', { at })
      .andWhere('d.stage NOT IN (:...silent)', { silent: SILENT_STAGES })
      .getRawMany<Record<string, unknown>>();
    const emails = new Map<number, string>();
    const deadlines: DigestDeadline[] = rows.map((r) => {
      const unitId = r.unitId == null ? null : Number(r.unitId);
      if (unitId != null && r.unitEmail) emails.set(unitId, String(r.unitEmail));
      return {
        id: Number(r.id), ticketId: Number(r.ticketId), ticketNo: formatTicketNumber(this.config.env.ticketPrefix, toDate(r.receivedAt) as Date, Number(r.ticketId)),
        unitId, unitName: (r.unitName as string | null) ?? null, stage: String(r.stage), dueAt: toDate(r.dueAt) as Date, status: String(r.status),
        pausedAt: toDate(r.pausedAt), lastLevelSent: (r.lastLevelSent as string | null) ?? null,
      };
    });
    const result: DigestResult = { day, items: 0, units: 0, supervisors: 0, duplicates: 0, mails: 0 };
    const digest = buildOverdueDigest(deadlines, day, settings, this.policies.calendar);
    if (!digest) return result;
    result.items = digest.supervisors.items.length;
    const link = this.config.env.publicUrl;
    const numberOf = (id: number) => String(id);
    const unitNames = new Map(deadlines.map((d) => [d.id, d.unitName ?? null]));
    const planned = [
      ...digest.units.map((u) => ({ key: u.key, unitId: u.unitId as number | null, to: emails.has(u.unitId) ? [emails.get(u.unitId) as string] : [], ...unitDigestMail(u, day, link, numberOf) })),
      { key: digest.supervisors.key, unitId: null, to: this.config.units.supervisors.map((s) => s.email),
        ...supervisorDigestMail(digest.supervisors, day, link, numberOf, (i) => unitNames.get(Number(i.deadlineId)) ?? null) },
    ];
    const outboxIds: number[] = [];
    try {
      await this.ds.transaction(async (m) => {
        const existing = new Set((await m.getRepository(ReminderEntity).find({ where: { key: In(planned.map((p) => p.key)) }, select: ['id', 'key'] })).map((r) => r.key));
        const fresh = planned.filter((p) => !existing.has(p.key));
        result.duplicates = planned.length - fresh.length;
        if (!fresh.length) return;
        const withMail = fresh.filter((p) => p.to.length);
        if (withMail.length) {
          await m.createQueryBuilder().insert().into(OutgoingMailEntity).orIgnore().updateEntity(false).values(withMail.map((p) => ({
            dedupeKey: p.key, kind: 'digest', to: p.to.join(', '), subject: p.subject.slice(0, 500), text: p.text, html: null, fromAddress: null,
            inReplyTo: null, references: null, ticketId: null, status: 'pending', attempts: 0, nextAttemptAt: new Date(),
          }))).execute();
        }
        const ids = new Map(
          withMail.length
            ? (await m.getRepository(OutgoingMailEntity).find({ where: { dedupeKey: In(withMail.map((p) => p.key)) }, select: ['id', 'dedupeKey'] })).map((o) => [o.dedupeKey, o.id])
            : [],
        );
        // A plain insert: a unique-key clash means another worker wrote this digest first, and this transaction gives way.
        await m.createQueryBuilder().insert().into(ReminderEntity).updateEntity(false).values(fresh.map((p) => ({
          key: p.key, deadlineId: 0, ticketId: 0, unitId: p.unitId, stage: 'digest', level: 'digest', scheduledAt: at,
          status: ids.has(p.key) ? 'pending' : 'failed', sentAt: null, outboxId: ids.get(p.key) ?? null, recipients: p.to,
          error: ids.has(p.key) ? null : '没有收件邮箱',
        }))).execute();
        for (const p of fresh) if (p.key.startsWith('digest-unit')) result.units++; else result.supervisors++;
        outboxIds.push(...ids.values());
      });
    } catch (e) {
      if (!/duplicate|unique/i.test((e as Error).message)) throw e;
      return { ...result, units: 0, supervisors: 0, duplicates: planned.length };
    }
    result.mails = outboxIds.length;
    if (this.jobs) for (const outboxId of outboxIds) await this.jobs.add('mail-send', { outboxId }).catch(() => undefined);
    return result;
  }
}

/** Raw rows: mysql2 gives Dates, SQLite gives 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
export function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
