import { addDays, businessDate, businessTimeOn } from '@hub/domain';
import { dueDay } from './deadline-arithmetic';
import { ReminderSettings } from './reminder-ladder';
import { WorkingCalendar } from './working-calendar';

/** What the digest needs of an open deadline row (with the unit's name joined in). */
export interface DigestDeadline {
  id: number | string;
  ticketId: number;
  ticketNo?: string | null;
  /** Null for stages that are the operators' own (dispatch): those go to supervisors only. */
  unitId: number | null;
  unitName?: string | null;
  stage: string;
  dueAt: Date;
  status: string;
  pausedAt?: Date | null;
  lastLevelSent?: string | null;
}

export interface DigestItem {
  deadlineId: number | string;
  ticketId: number;
  ticketNo: string | null;
  stage: string;
  dueAt: Date;
  /** How long past due at the digest time. */
  overdueMs: number;
  /** Working days since the due day, the digest day included (超期第N个工作日). */
  overdueWorkingDays: number;
  escalated: boolean;
}

export interface UnitDigest {
  /** `digest-unit<id>-<day>`: one per unit and day, however often it is built. */
  key: string;
  unitId: number;
  unitName: string | null;
  items: DigestItem[];
}

export interface SupervisorDigest {
  key: string;
  items: DigestItem[];
  byUnit: Array<{ unitId: number | null; unitName: string | null; count: number }>;
}

export interface OverdueDigest {
  /** The Shanghai date the digest is for. */
  day: string;
  /** When it is sent (digestAt on that day). */
  at: Date;
  units: UnitDigest[];
  supervisors: SupervisorDigest;
}

/** The digest instant of a Shanghai day. */
export function digestTime(day: string, settings: Pick<ReminderSettings, 'digestAt'>): Date {
  return businessTimeOn(day, settings.digestAt);
}

/** Whether a digest is sent on that day (working days only, or every day). */
export function isDigestDay(day: string, settings: Pick<ReminderSettings, 'digestDays'>, calendar: WorkingCalendar): boolean {
  return settings.digestDays === 'every' || calendar.isWorkingDay(day);
}

/** The first digest at or after `now`. */
export function nextDigestAt(now: Date, settings: Pick<ReminderSettings, 'digestAt' | 'digestDays'>, calendar: WorkingCalendar): { day: string; at: Date } {
  let day = businessDate(now);
  for (let i = 0; i < 400; i++, day = addDays(day, 1)) {
    const at = digestTime(day, settings);
    if (at.getTime() >= now.getTime() && isDigestDay(day, settings, calendar)) return { day, at };
  }
  throw new Error('no digest day within 400 days: check config/holidays.yaml and reminders.digestDays');
}

/**
 * The daily digest (每日超期汇总) for a Shanghai date: every open deadline past due at the digest
 * time, grouped per handling unit, plus the whole list for supervisors; most overdue first.
 * A deadline whose clock stopped before it fell due is not overdue. Returns null on a day
 * without a digest (a day off, when digestDays is `working`).
 */
export function buildOverdueDigest(
  deadlines: readonly DigestDeadline[],
  day: string,
  settings: Pick<ReminderSettings, 'digestAt' | 'digestDays'>,
  calendar: WorkingCalendar,
): OverdueDigest | null {
  if (!isDigestDay(day, settings, calendar)) return null;
  const at = digestTime(day, settings);
  const overdue = deadlines.filter(
    (d) => d.status === 'open' && d.dueAt.getTime() < at.getTime() && !(d.pausedAt && d.pausedAt.getTime() <= d.dueAt.getTime()),
  );
  const items = overdue
    .map((d) => ({ d, item: toItem(d, day, at, calendar) }))
    .sort((a, b) => b.item.overdueMs - a.item.overdueMs || String(a.d.id).localeCompare(String(b.d.id)));
  const perUnit = new Map<number, UnitDigest>();
  const counts = new Map<number | null, { unitId: number | null; unitName: string | null; count: number }>();
  for (const { d, item } of items) {
    const c = counts.get(d.unitId) ?? { unitId: d.unitId, unitName: d.unitName ?? null, count: 0 };
    c.count++;
    counts.set(d.unitId, c);
    if (d.unitId === null) continue;
    let u = perUnit.get(d.unitId);
    if (!u) {
      u = { key: `digest-unit${d.unitId}-${day}`, unitId: d.unitId, unitName: d.unitName ?? null, items: [] };
      perUnit.set(d.unitId, u);
    }
    u.items.push(item);
  }
  return {
    day,
    at,
    units: [...perUnit.values()].sort((a, b) => a.unitId - b.unitId),
    supervisors: {
      key: `digest-supervisors-${day}`,
      items: items.map((x) => x.item),
      byUnit: [...counts.values()].sort((a, b) => b.count - a.count || (a.unitId ?? -1) - (b.unitId ?? -1)),
    },
  };
}

function toItem(d: DigestDeadline, day: string, at: Date, calendar: WorkingCalendar): DigestItem {
  let workingDays = 0;
  for (let x = addDays(dueDay(d.dueAt), 1); x <= day; x = addDays(x, 1)) if (calendar.isWorkingDay(x)) workingDays++;
  return {
    deadlineId: d.id,
    ticketId: d.ticketId,
    ticketNo: d.ticketNo ?? null,
    stage: d.stage,
    dueAt: d.dueAt,
    overdueMs: at.getTime() - d.dueAt.getTime(),
    overdueWorkingDays: workingDays,
    escalated: d.lastLevelSent === 'escalation',
  };
}
