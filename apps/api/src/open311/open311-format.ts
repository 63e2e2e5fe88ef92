import type { Response } from 'express';

export type Open311Format = 'json' | 'xml';

/** Names of the elements repeated inside a list, by the list's own name (GeoReport v2 XML). */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(ITEM[name] ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** The document in XML (root: services, service_requests, service_definition, discovery, errors). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}`;
}

/** `requests.json` → ['requests', 'json']; without a suffix, `?format=` decides (XML, the spec's required format, by default). */
export function splitFormat(file: string, query: unknown): { name: string; format: Open311Format | null } {
  const m = /^(.*?)(?:\.(json|xml))?$/.exec(file) as RegExpExecArray;
  const asked = typeof query === 'string' ? query.toLowerCase() : null;
  const format = (m[2] as Open311Format | undefined) ?? (asked === 'json' || asked === 'xml' ? asked : asked ? null : 'xml');
  return { name: m[1], format };
}

export function send(res: Response, format: Open311Format, root: string, value: unknown, status = 200): void {
  res.status(status);
  if (format === 'json') {
    res.type('application/json; charset=utf-8').send(JSON.stringify(value));
    return;
  }
  res.type('text/xml; charset=utf-8').send(toXml(root, value));
}

/** GeoReport v2 errors: `[{"code":403,"description":"..."}]`, or `<errors><error>…</error></errors>`. */
export function sendError(res: Response, format: Open311Format, code: number, description: string): void {
  send(res, format, 'errors', [{ code, description }], code);
}
