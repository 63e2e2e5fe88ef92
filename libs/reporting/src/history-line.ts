import { BUSINESS_UTC_OFFSET, CHANNELS, DISPOSITIONS, OUTCOMES, RATINGS, URGENCIES } from '@hub/domain';
import type { Channel, Disposition, Outcome, Rating, TicketStatus, Urgency } from '@hub/domain';

/** One past ticket of a `hub import history` file (INTERFACES.md), checked. */
export interface HistoryLine {
  id: string;
  source: string;
  channel: Channel | null;
  receivedAt: Date;
  text: string;
  category: string | null;
  region: string | null;
  disposition: Disposition;
  unit: string | null;
  urgency: Urgency;
  dispatchedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgeDueAt: Date | null;
  repliedAt: Date | null;
  replyDueAt: Date | null;
  closedAt: Date | null;
  surveyedAt: Date | null;
  outcome: Outcome | null;
  rating: Rating | null;
  extensions: number;
}

export class HistoryLineError extends Error {
  constructor(
    message: string,
    readonly kind: 'bad_time' | 'missing_field' = 'missing_field',
  ) {
    super(message);
  }
}

/** A time with an offset, or without one read as Beijing time (the offices' clocks). */
function time(v: unknown, field: string, required = false): Date | null {
  if (v === null || v === undefined || v === '') {
    if (required) throw new HistoryLineError(`缺少 ${field}`, 'missing_field');
    return null;
  }
  if (typeof v !== 'string') throw new HistoryLineError(`${field} 不是时间：${JSON.stringify(v)}`, 'bad_time');
  const s = v.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(s)
    ? s
    : /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? `${s}T00:00:00${BUSINESS_UTC_OFFSET}`
      : `${s.replace(' ', 'T')}${BUSINESS_UTC_OFFSET}`;
  const d = new Date(zoned);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(s)) throw new HistoryLineError(`${field} 不是有效时间：${s}`, 'bad_time');
  return d;
}

function str(v: unknown, field: string, max: number, required = false): string | null {
  if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) {
    if (required) throw new HistoryLineError(`缺少 ${field}`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new HistoryLineError(`${field} 应为文本：${JSON.stringify(v)}`);
  const s = String(v).trim();
  if (s.length > max) throw new HistoryLineError(`${field} 超过 ${max} 个字符`);
  return s;
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], required = false): T | null {
  if (v === null || v === undefined || v === '') {
    if (required) throw new HistoryLineError(`缺少 ${field}（可选值：${allowed.join('、')}）`);
    return null;
  }
  if (!allowed.includes(v as T)) throw new HistoryLineError(`${field} 无效：${JSON.stringify(v)}（可选值：${allowed.join('、')}）`);
  return v as T;
}

/** Parses and checks one line; throws HistoryLineError with a reason an operator can act on. */
export function parseHistoryLine(raw: string): HistoryLine {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(raw);
  } catch (e) {
    throw new HistoryLineError(`不是有效的 JSON：${(e as Error).message}`);
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new HistoryLineError('每行应为一个 JSON 对象');
  const disposition = oneOf(o.disposition, 'disposition', DISPOSITIONS, true) as Disposition;
  // A dispatched ticket whose unit the old system did not keep still counts (received, dispatched, its
  // times and rating); it is only missing from the per-unit figures.
  const unit = str(o.unit, 'unit', 100);
  const line: HistoryLine = {
    id: str(o.id, 'id', 128, true) as string,
    source: str(o.source, 'source', 100, true) as string,
    channel: oneOf(o.channel, 'channel', CHANNELS),
    receivedAt: time(o.receivedAt, 'receivedAt', true) as Date,
    text: str(o.text, 'text', 100_000) ?? '',
    category: str(o.category, 'category', 100),
    region: str(o.region, 'region', 50),
    disposition,
    unit: disposition === 'dispatched' ? unit : null,
    urgency: oneOf(o.urgency, 'urgency', URGENCIES) ?? 'normal',
    dispatchedAt: time(o.dispatchedAt, 'dispatchedAt'),
    acknowledgedAt: time(o.acknowledgedAt, 'acknowledgedAt'),
    acknowledgeDueAt: time(o.acknowledgeDueAt, 'acknowledgeDueAt'),
    repliedAt: time(o.repliedAt, 'repliedAt'),
    replyDueAt: time(o.replyDueAt, 'replyDueAt'),
    closedAt: time(o.closedAt, 'closedAt'),
    surveyedAt: time(o.surveyedAt, 'surveyedAt'),
    outcome: oneOf(o.outcome, 'outcome', OUTCOMES),
    rating: oneOf(o.rating, 'rating', RATINGS),
    extensions: 0,
  };
  if (o.extensions !== undefined && o.extensions !== null) {
    if (!Number.isInteger(o.extensions) || (o.extensions as number) < 0) throw new HistoryLineError(`extensions 应为非负整数：${JSON.stringify(o.extensions)}`);
    line.extensions = o.extensions as number;
  }
  // A closed dispatched ticket was replied to, at the latest when it was closed: exports that keep only
  // 办结时间 would otherwise show more closed than replied (办结率 above 反馈率) and no 解决率.
  if (disposition === 'dispatched' && !line.repliedAt && line.closedAt) line.repliedAt = line.closedAt;
  for (const f of ['acknowledgedAt', 'repliedAt', 'closedAt'] as const) {
    const v = line[f];
    if (v && v.getTime() < line.receivedAt.getTime()) throw new HistoryLineError(`${f} 早于 receivedAt`, 'bad_time');
  }
  return line;
}

/** The state an imported ticket is left in: closed, or the open state it was in. */
export function importedStatus(l: HistoryLine): TicketStatus {
  if (l.disposition === 'invalid' || l.disposition === 'merged') return l.disposition;
  if (l.closedAt) return 'closed';
  switch (l.disposition) {
    case 'dispatched':
      return l.rating ? 'surveyed' : l.repliedAt ? 'replied' : l.acknowledgedAt ? 'acknowledged' : 'dispatched';
    default:
      return l.disposition;
  }
}
