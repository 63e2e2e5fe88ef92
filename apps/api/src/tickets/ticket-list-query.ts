import { TICKET_SORT_KEYS, TicketSort, TicketSortKey } from '@hub/database';
import { endOfBound, parseBusinessTime, TICKET_STATUSES } from '@hub/domain';
import { TICKET_VIEWS, TicketListQuery } from './ticket-inbox-filter';

/** The longest period a list may ask for, from `from` to `to`. */
export const MAX_LIST_PERIOD_DAYS = 366;
export const MAX_PAGE_SIZE = 200;
const MAX_TEXT = 200;

export const LIST_QUERY_KEYS = ['view', 'status', 'from', 'to', 'unit', 'category', 'region', 'source', 'overdue', 'q', 'sort', 'page', 'pageSize'] as const;

/** The values `sort` takes: a key, or `-key` for the other way round. */
export const SORT_VALUES = TICKET_SORT_KEYS.flatMap((k) => [k, `-${k}`]);

/** A query parameter that cannot be used: 400, naming it in Chinese (the English detail after it). */
export class TicketQueryParamError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(
    readonly param: string,
    chinese: string,
    english: string,
    where: '查询参数' | '路径参数' | '字段' = '查询参数',
  ) {
    super(`${where} ${param} 无效：${chinese}（${english}）`);
  }
}

/**
 * The list's query string, checked: a typo, a wrong kind of value or a parameter the list does
 * not know is a 400 that names it, never a silently wider or empty list, and never a 500.
 */
export function listQuery(q: Record<string, unknown>): TicketListQuery {
  const unknown = Object.keys(q).filter((k) => !(LIST_QUERY_KEYS as readonly string[]).includes(k));
  if (unknown.length) {
    throw new TicketQueryParamError(
      unknown[0],
      `列表不认识这个参数，可用的有 ${LIST_QUERY_KEYS.join('、')}`,
      `unknown parameter ${unknown[0]}; use ${LIST_QUERY_KEYS.join(', ')}`,
    );
  }
  const text = (k: string, max = MAX_TEXT): string | undefined => {
    const raw = q[k];
    // status=a&status=b is the same as status=a,b; any other key given twice is a mistake.
    const v = k === 'status' && Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? raw.join(',') : raw;
    if (v === undefined || v === '') return undefined;
    if (Array.isArray(v)) throw new TicketQueryParamError(k, '只能给一次', `${k} is given more than once; give it once`);
    if (typeof v !== 'string') throw new TicketQueryParamError(k, '须为文本，不能带方括号', `${k} must be plain text, not ${k}[...]`);
    if (v.length > max) throw new TicketQueryParamError(k, `最长 ${max} 个字符`, `${k} is longer than ${max} characters`);
    return v.trim();
  };
  const positive = (k: string, max = 999_999_999): number | undefined => {
    const v = text(k);
    if (v === undefined) return undefined;
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1)
      throw new TicketQueryParamError(k, '须为从 1 起的整数', `${k} must be a whole number from 1, got ${JSON.stringify(v)}`);
    if (Number(v) > max) throw new TicketQueryParamError(k, `最大为 ${max}`, `${k} must be at most ${max}, got ${v}`);
    return Number(v);
  };
  const time = (k: 'from' | 'to') => {
    const v = text(k);
    if (v === undefined) return undefined;
    const t = parseBusinessTime(v);
    if (!t) {
      throw new TicketQueryParamError(
        k,
        '须为日期 YYYY-MM-DD 或 ISO 8601 时间',
        `${k} must be a date YYYY-MM-DD or an ISO 8601 time such as 2025-03-02T09:00:00+08:00, got ${JSON.stringify(v)}`,
      );
    }
    return t;
  };
  const statuses = text('status')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const status = statuses?.length ? statuses.join(',') : undefined;
  const wrong = statuses?.filter((s) => !(TICKET_STATUSES as readonly string[]).includes(s));
  if (wrong?.length) {
    throw new TicketQueryParamError(
      'status',
      `${wrong.join('、')} 不是工单状态`,
      `status ${wrong.map((s) => JSON.stringify(s)).join(', ')} is not a ticket status; use ${TICKET_STATUSES.join(', ')}`,
    );
  }
  const view = text('view');
  if (view !== undefined && !(TICKET_VIEWS as readonly string[]).includes(view)) {
    throw new TicketQueryParamError('view', `须为 ${TICKET_VIEWS.join('、')} 之一`, `view must be one of ${TICKET_VIEWS.join(', ')}`);
  }
  const overdue = text('overdue');
  if (overdue !== undefined && !['true', 'false', '1', '0'].includes(overdue))
    throw new TicketQueryParamError('overdue', '须为 true 或 false', 'overdue must be true or false');
  const sortText = text('sort');
  let sort: TicketSort | undefined;
  if (sortText !== undefined) {
    const key = sortText.replace(/^-/, '');
    if (!(TICKET_SORT_KEYS as readonly string[]).includes(key)) {
      throw new TicketQueryParamError(
        'sort',
        `须为 ${SORT_VALUES.join('、')} 之一`,
        `sort must be one of ${SORT_VALUES.join(', ')}, got ${JSON.stringify(sortText)}`,
      );
    }
    sort = { key: key as TicketSortKey, desc: sortText.startsWith('-') };
  }
  const from = time('from');
  const to = time('to');
  const end = to ? endOfBound(to) : undefined;
  if (from && end && (from.at > end || (to?.dateOnly && from.at >= end))) {
    throw new TicketQueryParamError('from', `晚于 to（${text('to')}）`, `from (${text('from')}) is after to (${text('to')})`);
  }
  if (from && end && end.getTime() - from.at.getTime() > MAX_LIST_PERIOD_DAYS * 86_400_000) {
    throw new TicketQueryParamError(
      'to',
      `时间段最长 ${MAX_LIST_PERIOD_DAYS} 天，请分段查询`,
      `from ${text('from')} to ${text('to')} is longer than ${MAX_LIST_PERIOD_DAYS} days`,
    );
  }
  return {
    status,
    unit: positive('unit'),
    category: text('category'),
    region: text('region'),
    source: text('source'),
    overdue: overdue === 'true' || overdue === '1',
    from: from?.at,
    to: end,
    q: text('q'),
    sort,
    view: view as TicketListQuery['view'],
    page: positive('page'),
    pageSize: positive('pageSize', MAX_PAGE_SIZE),
  };
}
