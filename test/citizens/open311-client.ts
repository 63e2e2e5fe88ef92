/**
 * A GeoReport v2 client written from the published spec (http://wiki.open311.org/GeoReport_v2),
 * for the conformance test: no npm Open311 client installs today (the `open311` package needs a
 * git dependency and a native XML build). It speaks to the server as such clients do: resources
 * with a `.json` or `.xml` suffix, POST as application/x-www-form-urlencoded, errors read from
 * `[{code, description}]` / `<errors><error>`.
 */
import { XMLParser } from 'fast-xml-parser';

export type Format = 'json' | 'xml';
export interface Answer<T> {
  status: number;
  contentType: string;
  body: T;
  raw: string;
}

const LISTS = [
  'services.service',
  'service_requests.request',
  'errors.error',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'service_definition.attributes.attribute',
];
const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (_name, path) => LISTS.includes(String(path)),
});

/** An XML document as the JSON one would be: its root's list, or its root's object. */
function fromXml(raw: string): unknown {
  const doc = parser.parse(raw) as Record<string, Record<string, unknown> | string>;
  const [root] = Object.keys(doc);
  const body = doc[root];
  const list: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error' };
  if (list[root]) return typeof body === 'object' && body ? (body[list[root]] ?? []) : [];
  if (root === 'discovery' && typeof body === 'object') {
    const endpoints = ((body.endpoints as Record<string, unknown>)?.endpoint ?? []) as Array<Record<string, unknown>>;
    return { ...body, endpoints: endpoints.map((e) => ({ ...e, formats: (e.formats as { format: string[] }).format })) };
  }
  if (root === 'service_definition' && typeof body === 'object')
    return { ...body, attributes: (body.attributes as { attribute?: unknown[] })?.attribute ?? [] };
  return body;
}

export class GeoReportClient {
  constructor(
    private readonly endpoint: string,
    private readonly apiKey: string | null,
    private readonly format: Format,
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
    const res = await fetch(`${this.endpoint}/${path}`, init);
    const raw = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const body = (this.format === 'json' ? JSON.parse(raw) : fromXml(raw)) as T;
    return { status: res.status, contentType, body, raw };
  }

  discovery() {
    return this.call<Record<string, unknown>>(`discovery.${this.format}`);
  }
  services() {
    return this.call<Array<Record<string, string>>>(`services.${this.format}`);
  }
  serviceDefinition(code: string) {
    return this.call<Record<string, unknown>>(`services/${encodeURIComponent(code)}.${this.format}`);
  }
  postRequest(params: Record<string, string>) {
    const form = new URLSearchParams({ ...(this.apiKey ? { api_key: this.apiKey } : {}), ...params });
    return this.call<Array<Record<string, string>>>(`requests.${this.format}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  requests(query: Record<string, string> = {}) {
    const q = new URLSearchParams(query).toString();
    return this.call<Array<Record<string, string>>>(`requests.${this.format}${q ? `?${q}` : ''}`);
  }
  request(id: string) {
    return this.call<Array<Record<string, string>>>(`requests/${encodeURIComponent(id)}.${this.format}`);
  }
  token(token: string) {
    return this.call<Array<Record<string, string>>>(`tokens/${encodeURIComponent(token)}.${this.format}`);
  }
}
