/**
 * A GeoReport v2 client written from the published spec (http://wiki.open311.org/GeoReport_v2),
 * for the conformance test, stricter than the published one (open311-published.test.ts): it sees
 * status codes, content types, the XML text and the error bodies. It speaks as clients do: resources
 * with a `.json` or `.xml` suffix, POST as application/x-www-form-urlencoded, errors read from
 * `[{code, description}]` / `<errors><error>`.
 */
export type Format = 'json' | 'xml';
export interface Answer<T> {
  status: number;
  contentType: string;
  body: T;
  raw: string;
}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (t: string) =>
  t.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()],
  );

/**
 * A strict reader of the XML a GeoReport server writes (a declaration, elements, text, entities):
 * a tag closed out of order, text outside the root or an unknown entity fails the test.
 */
export function parseXml(raw: string): XmlNode {
  if (!raw.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) throw new Error('no XML declaration with encoding="UTF-8"');
  const s = raw.replace(/^<\?xml[^?]*\?>\s*/, '');
  let i = 0;
  const element = (): XmlNode => {
    const open = /^<([A-Za-z_][\w.-]*)(\s[^>]*?)?(\/?)>/.exec(s.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${s.slice(i, i + 30)}`);
    i += open[0].length;
    const node: XmlNode = { name: open[1], children: [], text: '' };
    if (open[3]) return node;
    for (;;) {
      if (s.startsWith('</', i)) {
        const close = /^<\/([^>\s]+)\s*>/.exec(s.slice(i));
        if (!close || close[1] !== node.name) throw new Error(`<${node.name}> closed by ${close?.[0] ?? 'nothing'}`);
        i += close[0].length;
        return node;
      }
      if (s[i] === '<') {
        node.children.push(element());
        continue;
      }
      const next = s.indexOf('<', i);
      if (next < 0) throw new Error(`<${node.name}> is never closed`);
      const text = s.slice(i, next);
      if (/&(?!(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);)/i.test(text)) throw new Error(`unescaped & in <${node.name}>`);
      node.text += decode(text);
      i = next;
    }
  };
  const root = element();
  if (s.slice(i).trim()) throw new Error('text after the root element');
  return root;
}

/** Lists in GeoReport v2 XML: the list element holds one element per item. */
const LISTS = new Set(['services', 'service_requests', 'errors', 'endpoints', 'formats', 'attributes', 'values']);

/** An XML document as the JSON one is (lists as arrays, objects by element name, text as strings). */
function valueOf(node: XmlNode): unknown {
  if (LISTS.has(node.name)) return node.children.map(valueOf);
  if (!node.children.length) return node.text;
  return Object.fromEntries(node.children.map((c) => [c.name, valueOf(c)]));
}
const fromXml = (raw: string): unknown => valueOf(parseXml(raw));

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
  /** A POST of a body as it comes, e.g. JSON a client got wrong. */
  postBody(body: string, contentType: string) {
    return this.call<Array<Record<string, string>>>(`requests.${this.format}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  }
  /** Any path under the endpoint, in this client's format. */
  get(path: string) {
    return this.call<Array<Record<string, string>>>(path);
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
