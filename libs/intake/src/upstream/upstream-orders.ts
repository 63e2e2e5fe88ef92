import type { UpstreamConfig, UpstreamField } from '@hub/config';
import type { WebIntake } from '../web-intake';

/** The value at a dotted path (`data.items`, `caller.phone`) of a JSON document, or undefined. */
export function atPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** One work order of an upstream platform as the hub's web intake takes it, or why it cannot be. */
export function upstreamOrder(
  u: Pick<UpstreamConfig, 'name' | 'channel' | 'fields'>,
  item: unknown,
): { intake: WebIntake } | { refused: string; externalId: string | null } {
  const values: Partial<Record<UpstreamField, string>> = {};
  for (const [from, to] of Object.entries(u.fields)) {
    const v = atPath(item, from);
    if (v == null || v === '') continue;
    values[to] = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
  const externalId = values.externalId ?? null;
  if (!externalId) return { refused: '工单缺少编号（fields 映射到 externalId 的字段为空）', externalId: null };
  if (!values.text) return { refused: `工单 ${externalId} 缺少诉求内容（fields 映射到 text 的字段为空）`, externalId };
  const urgency = values.urgency ? (/^(urgent|紧急|特急|加急|true|1)$/i.test(values.urgency) ? 'urgent' : 'normal') : undefined;
  return {
    intake: {
      channel: u.channel,
      source: u.name,
      externalId: externalId.slice(0, 128),
      text: values.text,
      subject: values.subject,
      name: values.name,
      phone: values.phone,
      email: values.email,
      idNumber: values.idNumber,
      address: values.address,
      urgency,
      receivedAt: values.receivedAt,
      dueAt: values.dueAt,
    },
  };
}

/** How the hub reads an upstream's list of new work orders (HTTP GET; a test may give another). */
export interface UpstreamFetcher {
  get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }>;
}

export class HttpUpstreamFetcher implements UpstreamFetcher {
  async get(url: string, headers: Record<string, string>, timeoutMs: number) {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  }
}

/** The URL of one page: the upstream's list with its cursor (absent on the first pull) and page size. */
export function pageUrl(u: Pick<UpstreamConfig, 'url' | 'limit'>, cursor: string | null): string {
  const url = new URL(u.url);
  if (cursor != null) url.searchParams.set('cursor', cursor);
  url.searchParams.set('limit', String(u.limit));
  return url.toString();
}
