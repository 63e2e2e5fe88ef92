import type { NextFunction, Request, Response } from 'express';

/**
 * The largest JSON or form body the API reads. A 20,000-character request written by a client
 * that escapes non-ASCII (Python's json.dumps, Java's Jackson with escaping on) is 120 kB as
 * \uXXXX sequences, over Express's 100 kB default; uploads have their own limit (multipart).
 */
export const BODY_LIMIT = '1mb';

/** A login is a name and a password: a stranger's request to /api/auth/login is read up to this. */
export const LOGIN_BODY_LIMIT = '4kb';

const READABLE = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** A body was sent (a chunked request without a Content-Type may well be empty: let it through). */
function hasBody(req: Request): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || (req.headers['transfer-encoding'] !== undefined && req.headers['content-type'] !== undefined);
}

/** The media type of the request's Content-Type, without parameters, lower-cased ('' when none). */
function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function isReadable(type: string): boolean {
  return READABLE.includes(type) || /^application\/[\w.+-]+\+json$/.test(type);
}

function refuse(res: Response, message: string): void {
  res.status(415).json({ statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message });
}

/**
 * A body the API cannot read (text/plain, which fetch() sends for a string body without headers;
 * XML; no Content-Type at all) would otherwise arrive empty and be refused as if the client had
 * left every field out ("text 不能为空"). Say what is wrong instead.
 */
export function refuseUnreadableBody(req: Request, res: Response, next: NextFunction): void {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !req.path.startsWith('/api/') || !hasBody(req)) return next();
  const contentType = req.headers['content-type'] ?? '';
  if (isReadable(mediaType(req))) return next();
  refuse(
    res,
    `Content-Type must be application/json (got ${contentType ? contentType.split(';')[0].trim() : 'none'}); send the body as JSON with the header Content-Type: application/json`,
  );
}

/**
 * JSON sent as a form (`curl -d '{"text":…}'` without a Content-Type header, which curl labels
 * application/x-www-form-urlencoded) parses into one field named after the whole document and
 * would be refused as "property {"text":…} should not exist". Runs after the body parsers.
 */
export function refuseJsonAsForm(req: Request, res: Response, next: NextFunction): void {
  const keys = req.body && typeof req.body === 'object' ? Object.keys(req.body as object) : [];
  if (mediaType(req) !== 'application/x-www-form-urlencoded' || keys.length !== 1 || !/^\s*[[{]/.test(keys[0])) return next();
  refuse(
    res,
    'the body is JSON but was sent as application/x-www-form-urlencoded (curl -d without a header); send it with the header Content-Type: application/json',
  );
}

/**
 * A parsed JSON body nested deeper than `maxDepth` or holding more than `maxKeys` properties and
 * items is refused with 400 before validation: 80,000 unknown properties kept the validator busy
 * for six seconds (and every other request waiting), 5,000 levels overflowed its stack. Walked
 * with a list, not recursion, and stops at the first limit.
 */
export function refuseDeepOrWideJson(maxDepth: number, maxKeys: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (!body || typeof body !== 'object') return next();
    const problem = measureJson(body, maxDepth, maxKeys);
    if (!problem) return next();
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: problem });
  };
}

function measureJson(root: object, maxDepth: number, maxKeys: number): string | null {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let keys = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > maxDepth) return `the JSON body is nested deeper than ${maxDepth} levels`;
    const children = Array.isArray(value) ? value : Object.values(value as object);
    keys += children.length;
    if (keys > maxKeys) return `the JSON body has more than ${maxKeys} properties and items`;
    for (const c of children) if (c && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return null;
}

function sizeLabel(bytes: unknown): string {
  const n = Number(bytes);
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)}mb`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}kb`;
  return `${n} bytes`;
}

/** What a body-parser error (http-errors: status, expose, type) means to the client, or null for any other error. */
export function bodyParserProblem(e: unknown): { status: number; message: string } | null {
  const err = e as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown; limit?: unknown; charset?: unknown } | null;
  if (!err || typeof err.type !== 'string' || typeof err.status !== 'number' || err.status < 400 || err.status >= 500 || err.expose !== true) return null;
  switch (err.type) {
    case 'entity.too.large':
      return { status: 413, message: `request body too large: at most ${sizeLabel(err.limit)} (${String(err.limit)} bytes)` };
    case 'charset.unsupported':
      return { status: 415, message: `unsupported charset ${String(err.charset ?? '')}: send the body as UTF-8` };
    case 'encoding.unsupported':
      return { status: 415, message: 'unsupported Content-Encoding: send the body uncompressed or gzip/deflate' };
    case 'request.aborted':
      return { status: 400, message: 'the request was aborted before its body was received' };
    default:
      return { status: err.status, message: String(err.message) };
  }
}
