import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { DEADLINE_SWEEP, isUniqueViolation, OUTBOX, REMINDERS, UnitOfWork, validateCommand } from '@hub/database';
import { buildOverdueDigest, DEADLINE_POLICIES, DeadlinePolicies, DigestDeadline, digestTime, isDigestDay } from '@hub/deadlines';
import { businessDate, CLOCK, Clock, formatTicketNumber } from '@hub/domain';
import { supervisorDigestMail, unitDigestMail } from '@hub/notify';
import { SILENT_STAGES } from '../../reminder-stages';
import { DigestResult } from './digest-result';
import { SendOverdueDigestCommand } from './send-overdue-digest.command';

interface PlannedDigest {
  key: string;
  unitId: number | null;
  to: string[];
  subject: string;
  text: string;
}

/**
 * The daily overdue digest (每日超期汇总): one mail per unit with overdue tickets and one for the
 * supervisors, each under its key (`digest-unit<id>-<day>`, `digest-supervisors-<day>`) in
 * `reminders` and as the outbox key, so a day's digest goes out once however often it is asked for.
 * The supervisors' digest goes out even when nothing is overdue (零报告).
 */
@Injectable()
export class SendOverdueDigestUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(DEADLINE_POLICIES) private readonly policies: DeadlinePolicies,
  ) {}

  async execute(input: SendOverdueDigestCommand = {}): Promise<DigestResult | null> {
    const command = validateCommand(SendOverdueDigestCommand, input);
    if (command.day) return this.send(command.day);
    const now = command.now ?? this.clock.now();
    const day = businessDate(now);
    const settings = this.policies.reminders;
    if (!isDigestDay(day, settings, this.policies.calendar) || now.getTime() < digestTime(day, settings).getTime()) return null;
    // One indexed look-up once today's is out: cheap enough for every sweep pass.
    if (await this.uow.read(REMINDERS).exists(`digest-supervisors-${day}`)) return null;
    return this.send(day);
  }

  private async send(day: string): Promise<DigestResult> {
    const result: DigestResult = { day, items: 0, units: 0, supervisors: 0, duplicates: 0, mails: 0 };
    const at = digestTime(day, this.policies.reminders);
    const planned = await this.plan(day, at, result);
    if (!planned) return result;
    try {
      result.mails = await this.uow.run(async (tx) => {
        const existing = await tx.get(REMINDERS).existingKeys(planned.map((p) => p.key));
        const fresh = planned.filter((p) => !existing.has(p.key));
        result.duplicates = planned.length - fresh.length;
        if (!fresh.length) return 0;
        const ids = await tx.get(OUTBOX).ensureMany(
          fresh
            .filter((p) => p.to.length)
            .map((p) => ({
              dedupeKey: p.key,
              kind: 'digest',
              to: p.to,
              subject: p.subject,
              text: p.text,
              ticketId: null,
            })),
        );
        // A plain insert: a unique-key clash means another worker wrote this digest first, and this unit gives way.
        await tx.get(REMINDERS).addMany(
          fresh.map((p) => ({
            key: p.key,
            deadlineId: 0,
            ticketId: 0,
            unitId: p.unitId,
            stage: 'digest',
            level: 'digest',
            scheduledAt: at,
            status: ids.has(p.key) ? 'pending' : 'failed',
            outboxId: ids.get(p.key) ?? null,
            recipients: p.to,
            error: ids.has(p.key) ? null : '没有收件邮箱',
          })),
        );
        for (const p of fresh)
          if (p.key.startsWith('digest-unit')) result.units++;
          else result.supervisors++;
        for (const outboxId of ids.values()) tx.enqueue('mail-send', { outboxId });
        return ids.size;
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return { ...result, units: 0, supervisors: 0, duplicates: planned.length };
    }
    return result;
  }

  /** 二级派单: a lower unit's digest is copied to the desk units above its overdue items (unit id -> their mail addresses). */
  private async deskCopies(rows: Array<{ unitId: number | null; assignmentId?: number | null }>): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    const assignmentIds = rows.map((r) => r.assignmentId).filter((id): id is number => id != null);
    const sweep = this.uow.read(DEADLINE_SWEEP);
    const desks = assignmentIds.length ? await sweep.deskUnitsOf(assignmentIds) : new Map<number, number>();
    if (!desks.size) return out;
    const directory = await sweep.unitDirectory();
    for (const r of rows) {
      const desk = r.assignmentId != null ? directory.get(desks.get(r.assignmentId) ?? -1)?.email : undefined;
      if (r.unitId == null || !desk) continue;
      const list = out.get(r.unitId) ?? [];
      if (!list.includes(desk)) out.set(r.unitId, [...list, desk]);
    }
    return out;
  }

  /** The day's mails, or null when there is no digest that day. */
  private async plan(day: string, at: Date, result: DigestResult): Promise<PlannedDigest[] | null> {
    const rows = await this.uow.read(DEADLINE_SWEEP).listOverdue(at, SILENT_STAGES);
    const emails = new Map<number, string>();
    const deadlines: DigestDeadline[] = rows.map((r) => {
      if (r.unitId != null && r.unitEmail) emails.set(r.unitId, r.unitEmail);
      return {
        id: r.id,
        ticketId: r.ticketId,
        ticketNo: formatTicketNumber(r.ticketNumberPrefix || this.config.env.ticketPrefix, r.ticketReceivedAt, r.ticketId),
        unitId: r.unitId,
        unitName: r.unitName,
        stage: r.stage,
        dueAt: r.dueAt,
        status: r.status,
        pausedAt: r.pausedAt,
        lastLevelSent: r.lastLevelSent,
      };
    });
    const digest = buildOverdueDigest(deadlines, day, this.policies.reminders, this.policies.calendar);
    if (!digest) return null;
    const copies = await this.deskCopies(rows);
    result.items = digest.supervisors.items.length;
    const link = this.config.env.publicUrl;
    const numberOf = (id: number) => String(id);
    const unitNames = new Map(deadlines.map((d) => [d.id, d.unitName ?? null]));
    return [
      ...digest.units.map((u) => ({
        key: u.key,
        unitId: u.unitId as number | null,
        to: [...(emails.has(u.unitId) ? [emails.get(u.unitId) as string] : []), ...(copies.get(u.unitId) ?? [])],
        ...unitDigestMail(u, day, link, numberOf),
      })),
      {
        key: digest.supervisors.key,
        unitId: null,
        to: this.config.units.supervisors.map((s) => s.email),
        ...supervisorDigestMail(digest.supervisors, day, link, numberOf, (i) => unitNames.get(Number(i.deadlineId)) ?? null),
      },
    ];
  }
}
