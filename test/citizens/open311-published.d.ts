// The published Open311 client (`open311` on npm, Code for America) ships no types: the part of its
// API the conformance test uses, as its README and source describe it.
declare module 'open311' {
  /** `err` is false on success; `true` or the HTTP status on an error, `data` then a message. */
  type Callback<T> = (err: boolean | number | null, data: T) => void;
  type Row = Record<string, unknown>;

  interface Options {
    /** The endpoint, with its trailing slash: `https://city.example/open311/v2/`. */
    endpoint?: string;
    /** The discovery document; its suffix (`.json`, `.xml`) is the format it is read in. */
    discovery?: string;
    format?: 'json' | 'xml';
    apiKey?: string;
    jurisdiction?: string;
  }

  class Open311 {
    constructor(options: Options | string);
    endpoint?: string;
    format: 'json' | 'xml';
    /** With `cache: true`, takes the endpoint of the given type and specification from the document. */
    serviceDiscovery(options: { cache?: boolean; type?: string; specification?: string; index?: number }, callback: Callback<Row>): void;
    serviceList(callback: Callback<Row[]>): void;
    serviceDefinition(serviceCode: string, callback: Callback<Row>): void;
    /** POSTs `data` with the client's apiKey as `api_key`. */
    submitRequest(data: Record<string, string>, callback: Callback<Row[]>): void;
    token(token: string, callback: Callback<Row[]>): void;
    /** One request by id (`requests/{id}`), several by an array of ids, or the list by parameters. */
    serviceRequests(id: string | string[], callback: Callback<Row[]>): void;
    serviceRequests(params: Record<string, string>, callback: Callback<Row[]>): void;
    serviceRequest(id: string | string[], callback: Callback<Row[]>): void;
  }
  export = Open311;
}

// The open311 client's XML reader (vendored: test/vendor/sparkxml).
declare module 'sparkxml' {
  type Options = boolean | { parseTypes?: boolean; typeHints?: Record<string, string> };
  export function parse(xml: string, options?: Options): unknown;
  export function parseXml(xml: string, options?: Options): unknown;
}
