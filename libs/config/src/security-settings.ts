import { randomBytes } from 'crypto';
import { ConfigError } from './config-error';
/**
 * Settings that decide what a stranger can reach and how much work one request or file can cost:
 * where the API listens, which proxies may name the client's address, who reads /metrics and
 * /api/docs, and the size limits of bodies and imported workbooks.
 */
export interface SecuritySettings {
  /** NODE_ENV=production. */
  production: boolean;
  /** HUB_BIND: the address the API listens on (127.0.0.1 unless a container or proxy needs more). */
  bind: string;
  /** HUB_TRUSTED_PROXIES: addresses whose X-Forwarded-For is believed (Express `trust proxy` values); empty: none. */
  trustedProxies: string[];
  /** HUB_METRICS_TOKEN: bearer token /metrics asks for; null: /metrics answers the local machine only. */
  metricsToken: string | null;
  /** HUB_API_DOCS: serve the OpenAPI page at /api/docs (default on, off in production). */
  apiDocs: boolean;
  /** Deepest nesting and most properties a JSON body may have (checked before validation). */
  jsonMaxDepth: number;
  jsonMaxKeys: number;
  /** HUB_LINK_SECRET: signs the short-lived attachment download links; the API needs it in production (see attachmentLinkSecret). */
  linkSecret: string | null;
}

/** How much an imported workbook may expand to (a few-MB XLSX can hold gigabytes of XML). */
export interface ImportLimits {
  /** HUB_XLSX_MAX_ENTRY_MB: the largest part of a workbook (a sheet, the shared strings…) once unpacked. */
  xlsxMaxEntryBytes: number;
  /** HUB_XLSX_MAX_SHARED_STRINGS_MB: the shared-strings part, held in memory while the sheet is read. */
  xlsxMaxSharedStringsBytes: number;
  /** HUB_XLSX_MAX_WHOLE_MB: a workbook that must be read whole (shared strings stored after the sheet). */
  xlsxMaxWholeBytes: number;
  /** Most parts a workbook may have. */
  xlsxMaxEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  xlsxMaxEntryBytes: 200 * 1024 * 1024,
  xlsxMaxSharedStringsBytes: 100 * 1024 * 1024,
  xlsxMaxWholeBytes: 60 * 1024 * 1024,
  xlsxMaxEntries: 10_000,
};

type IntSetting = (name: string, fallback: number, min?: number, max?: number) => number;

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (!raw) return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be on or off (got ${env[name]})`);
  return fallback;
}

/** An HMAC key shorter than this is guessable. */
const LINK_SECRET_MIN = 32;
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

export function loadSecuritySettings(env: NodeJS.ProcessEnv, problems: string[], int: IntSetting): SecuritySettings {
  const production = env.NODE_ENV === 'production';
  // HOST is what this setting was called before; HUB_BIND wins.
  const bind = (env.HUB_BIND || env.HOST || '127.0.0.1').trim();
  if (!ADDRESS.test(bind) && !/^[a-z0-9.-]+$/i.test(bind)) problems.push(`HUB_BIND must be an address such as 127.0.0.1 or 0.0.0.0 (got ${bind})`);
  const trustedProxies = (env.HUB_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of trustedProxies) {
    if (!PROXY_NAMES.has(p) && !ADDRESS.test(p)) {
      problems.push(`HUB_TRUSTED_PROXIES: ${p} is not an address, a CIDR range or one of loopback, linklocal, uniquelocal`);
    }
  }
  const metricsToken = env.HUB_METRICS_TOKEN?.trim() || null;
  const linkSecret = env.HUB_LINK_SECRET?.trim() || null;
  if (linkSecret && linkSecret.length < LINK_SECRET_MIN)
    problems.push(`HUB_LINK_SECRET must be at least ${LINK_SECRET_MIN} characters (a random string, e.g. from \`openssl rand -hex 32\`)`);
  if (metricsToken && metricsToken.length < 16) problems.push('HUB_METRICS_TOKEN must be at least 16 characters (a random string)');
  return {
    production,
    bind,
    trustedProxies,
    metricsToken,
    apiDocs: onOff(env, 'HUB_API_DOCS', !production, problems),
    jsonMaxDepth: int('HUB_JSON_MAX_DEPTH', 32, 2, 1000),
    jsonMaxKeys: int('HUB_JSON_MAX_KEYS', 2000, 10, 1_000_000),
    linkSecret,
  };
}

/**
 * The key of the attachment download links, for the API (the one process that signs and checks
 * them). In production it must be given, the same to every API process: without it the API does
 * not start. Elsewhere one is made at start when none is given (`generated`: links then stop
 * working when the API restarts and differ between API processes).
 */
export function attachmentLinkSecret(security: Pick<SecuritySettings, 'linkSecret' | 'production'>): { secret: string; generated: boolean } {
  if (security.linkSecret) return { secret: security.linkSecret, generated: false };
  if (security.production) {
    throw new ConfigError([
      `HUB_LINK_SECRET must be set when NODE_ENV=production: a random string of at least ${LINK_SECRET_MIN} characters (e.g. from \`openssl rand -hex 32\`), the same for every API process; it signs the attachment download links`,
    ]);
  }
  return { secret: randomBytes(32).toString('hex'), generated: true };
}

export function loadImportLimits(int: IntSetting): ImportLimits {
  const mb = 1024 * 1024;
  const d = DEFAULT_IMPORT_LIMITS;
  return {
    xlsxMaxEntryBytes: int('HUB_XLSX_MAX_ENTRY_MB', d.xlsxMaxEntryBytes / mb, 1, 100_000) * mb,
    xlsxMaxSharedStringsBytes: int('HUB_XLSX_MAX_SHARED_STRINGS_MB', d.xlsxMaxSharedStringsBytes / mb, 1, 100_000) * mb,
    xlsxMaxWholeBytes: int('HUB_XLSX_MAX_WHOLE_MB', d.xlsxMaxWholeBytes / mb, 1, 100_000) * mb,
    xlsxMaxEntries: d.xlsxMaxEntries,
  };
}
