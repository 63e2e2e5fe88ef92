import { parseOpen311Keys } from './open311-keys';
import { existsSync } from 'fs';
import { isAbsolute, join, resolve } from 'path';
import { ConfigError } from './config-error';
import { HolidaysFile } from './files/holidays.dto';
import { MailboxesFile } from './files/mailboxes.dto';
import { PoliciesFile, unknownPolicyCategories } from './files/policies.dto';
import { RatesFile } from './files/rates.dto';
import { RegionsFile } from './files/regions.dto';
import { SourcesFile } from './files/sources.dto';
import { TaxonomyFile } from './files/taxonomy.dto';
import { UnitsFile } from './files/units.dto';
import { unitHierarchyProblems } from './files/unit-hierarchy';
import { UrgencyFile } from './files/urgency.dto';
import { UPSTREAM_FIELDS, upstreamEndpoint, UpstreamsFile } from './files/upstreams.dto';
import { WebhooksFile } from './files/webhooks.dto';
import { parseRedisUrl, RedisTopology } from './redis-url';
import { parseSmsUrl, SmsSettings } from './sms-url';
import { parseStorageUrl, StorageSettings } from './storage-url';
import { ImportLimits, loadImportLimits, loadSecuritySettings, SecuritySettings } from './security-settings';
import { loadYamlFile } from './yaml-loader';
import { CitiesSettings, loadCities } from './city-config';

export type DatabaseSettings =
  { type: 'sqlite'; path: string; url: string } | { type: 'mysql'; url: string; host: string; port: number; user: string; password: string; database: string };

export interface EnvSettings {
  database: DatabaseSettings;
  redisUrl: string;
  /** REDIS_URL read: one node, a Sentinel group or a Cluster. */
  redis: RedisTopology;
  /** Whether REDIS_URL was given; if not, `npm start` may start a private redis-server. */
  redisUrlExplicit: boolean;
  configDir: string;
  dataDir: string;
  /** HUB_STORAGE_URL: the folder HUB_DATA_DIR, or an S3-compatible bucket shared by several hosts. */
  storage: StorageSettings;
  smtpUrl: string | null;
  /** SMS_URL: the SMS gateway; null writes messages to HUB_DATA_DIR/outbox-sms/. */
  sms: SmsSettings | null;
  port: number;
  /** Link base in mails to units (the console's address). */
  publicUrl: string;
  ticketPrefix: string;
  /** Prefix of every BullMQ key; braced so Redis Cluster keeps a queue in one slot. */
  queuePrefix: string;
  mailFrom: string;
  logLevel: string;
  sessionHours: number;
  /** Bind address, proxies, /metrics and /api/docs access, JSON body limits. */
  security: SecuritySettings;
  /** How far an imported workbook may expand. */
  importLimits: ImportLimits;
  /** HUB_OPEN311_KEYS: Open311 api_key → client name; empty: Open311 takes no requests. */
  open311Keys: Map<string, string>;
}

export interface HubConfig {
  env: EnvSettings;
  mailboxes: MailboxesFile;
  sources: SourcesFile;
  units: UnitsFile;
  taxonomy: TaxonomyFile;
  regions: RegionsFile;
  policies: PoliciesFile;
  holidays: HolidaysFile;
  urgency: UrgencyFile;
  /** webhooks.yaml (optional): systems the ticket events are pushed to. */
  webhooks: WebhooksFile;
  /** upstreams.yaml (optional): platforms the hub pulls work orders from and reports back to (their push is a webhook of their own tickets). */
  upstreams: UpstreamsFile;
  /** rates.yaml (optional): the rates units are assessed and ranked on (default the 53号文 preset). */
  rates: RatesFile;
  /** cities.yaml (optional): a province installation's cities, their units, regions and categories merged into the above. */
  cities: CitiesSettings;
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');

export function parseDatabaseUrl(raw: string, problems: string[]): DatabaseSettings {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) problems.push('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/hub.sqlite');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path), url: raw };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    try {
      const u = new URL(raw);
      const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
      if (!database) problems.push('DATABASE_URL: name the database, e.g. mysql://root@127.0.0.1:3306/hub');
      return {
        type: 'mysql',
        url: raw,
        host: u.hostname,
        port: Number(u.port || 3306),
        user: decodeURIComponent(u.username || 'root'),
        password: decodeURIComponent(u.password),
        database,
      };
    } catch {
      problems.push(`DATABASE_URL: not a valid URL (${raw})`);
    }
  } else {
    problems.push(`DATABASE_URL must start with sqlite: or mysql:// (got ${raw})`);
  }
  return { type: 'sqlite', path: ':memory:', url: 'sqlite::memory:' };
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got ${raw})`);
    return fallback;
  }
  return n;
}

export function loadEnvSettings(env: NodeJS.ProcessEnv, problems: string[]): EnvSettings {
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/hub.sqlite', problems);
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redis = parseRedisUrl(redisUrl, problems);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push(`SMTP_URL must start with smtp:// or smtps:// (got ${smtpUrl})`);
  const port = intSetting(env, 'PORT', 3000, problems, 0, 65535);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const queuePrefix = env.HUB_QUEUE_PREFIX || '{hub}';
  if (!/^\{[^{}]+\}$/.test(queuePrefix)) problems.push(`HUB_QUEUE_PREFIX must be braced, e.g. {hub} (got ${queuePrefix})`);
  const ticketPrefix = env.HUB_TICKET_PREFIX || 'QH';
  const int = (name: string, fallback: number, min?: number, max?: number) => intSetting(env, name, fallback, problems, min, max);
  if (!/^[A-Z]{1,6}$/.test(ticketPrefix)) problems.push(`HUB_TICKET_PREFIX must be 1-6 capital letters (got ${ticketPrefix})`);
  return {
    database,
    redisUrl,
    redis,
    redisUrlExplicit: Boolean(env.REDIS_URL),
    configDir: abs(env.HUB_CONFIG_DIR || './config'),
    dataDir: abs(env.HUB_DATA_DIR || './data'),
    storage: parseStorageUrl(env.HUB_STORAGE_URL, problems),
    smtpUrl,
    sms: parseSmsUrl(env.SMS_URL, problems),
    port,
    publicUrl: (env.HUB_PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    ticketPrefix,
    queuePrefix,
    mailFrom: env.HUB_MAIL_FROM || '12345热线 <hotline@hub.local>',
    logLevel: env.LOG_LEVEL || 'info',
    sessionHours: intSetting(env, 'HUB_SESSION_HOURS', 12, problems, 1, 24 * 30),
    security: loadSecuritySettings(env, problems, int),
    importLimits: loadImportLimits(int),
    open311Keys: parseOpen311Keys(env.HUB_OPEN311_KEYS, problems),
  };
}

/** Cross-file checks: every unit a category or rule names must exist, and so on. */
function checkReferences(cfg: HubConfig, problems: string[]): void {
  const units = new Set(cfg.units.units.map((u) => u.name));
  const regions = cfg.regions.regions.map((r) => r.name);
  const seen = new Set<string>();
  for (const u of cfg.units.units) {
    if (seen.has(u.name)) problems.push(`units.yaml: unit ${u.name} is listed twice`);
    seen.add(u.name);
    if (u.region && !regions.includes(u.region)) problems.push(`units.yaml: unit ${u.name} names region ${u.region}, which regions.yaml does not list`);
    for (const r of u.regions ?? [])
      if (!regions.includes(r)) problems.push(`units.yaml: unit ${u.name}: regions names ${r}, which regions.yaml does not list`);
  }
  problems.push(...unitHierarchyProblems(cfg.units.units));
  cfg.taxonomy.categories.forEach((c, i) => {
    if (!c.unit && !c.directAnswer) problems.push(`taxonomy.yaml: categories[${i}] (${c.path}) needs a unit or directAnswer: true`);
    const names = [c.unit, ...(c.assistUnits ?? [])].filter((x): x is string => Boolean(x));
    for (const name of names) {
      const expanded = name.includes('{region}') ? regions.map((r) => name.replace('{region}', r)) : [name];
      for (const n of expanded) if (!units.has(n)) problems.push(`taxonomy.yaml: categories[${i}] (${c.path}) names unit ${n}, which units.yaml does not list`);
    }
  });
  for (const c of unknownPolicyCategories(
    cfg.policies,
    cfg.taxonomy.categories.map((x) => x.path),
  )) {
    problems.push(`policies.yaml: a rule names category ${c}, which taxonomy.yaml does not list`);
  }
  const cities = new Set(cfg.cities.cities.map((c) => c.name));
  const bound = (file: string, what: string, city: string | undefined) => {
    if (city && !cities.has(city)) problems.push(`${file}: ${what}: city ${city} is not a city of cities.yaml`);
  };
  for (const m of cfg.mailboxes.mailboxes) bound('mailboxes.yaml', `mailbox ${m.name}`, m.city);
  for (const s of cfg.sources.sources) bound('sources.yaml', `source ${s.name}`, s.city);
  const names = new Set<string>();
  for (const m of cfg.mailboxes.mailboxes) {
    if (names.has(m.name)) problems.push(`mailboxes.yaml: mailbox ${m.name} is listed twice`);
    names.add(m.name);
  }
  for (const s of cfg.sources.sources) {
    if (names.has(s.name)) problems.push(`sources.yaml: source ${s.name} has the same name as another source or mailbox`);
    names.add(s.name);
  }
  const upstreams = new Set<string>();
  for (const u of cfg.upstreams.upstreams) {
    if (names.has(u.name) || upstreams.has(u.name))
      problems.push(`upstreams.yaml: upstream ${u.name} has the same name as another source, mailbox or upstream`);
    upstreams.add(u.name);
    if (![...Object.values(u.fields)].includes('externalId'))
      problems.push(`upstreams.yaml: upstream ${u.name}: fields must map one field to externalId (the work order's id)`);
    if (![...Object.values(u.fields)].includes('text')) problems.push(`upstreams.yaml: upstream ${u.name}: fields must map one field to text`);
    for (const [from, to] of Object.entries(u.fields)) {
      if (!(UPSTREAM_FIELDS as readonly string[]).includes(to))
        problems.push(`upstreams.yaml: upstream ${u.name}: fields.${from}: ${to} is not one of ${UPSTREAM_FIELDS.join(', ')}`);
    }
  }
  const rateKeys = new Set<string>();
  for (const r of cfg.rates.rates ?? []) {
    if (rateKeys.has(r.key)) problems.push(`rates.yaml: rate ${r.key} is listed twice`);
    rateKeys.add(r.key);
  }
  if (cfg.rates.rates && !cfg.rates.rates.length) problems.push('rates.yaml: rates is empty (leave it out to use the preset)');
  const hooks = new Set<string>();
  for (const w of cfg.webhooks.webhooks) {
    if (hooks.has(w.name)) problems.push(`webhooks.yaml: webhook ${w.name} is listed twice`);
    hooks.add(w.name);
    // Checked here, not by the DTO, so that a short secret is not echoed in the message.
    if (w.secret.length < 16) problems.push(`webhooks.yaml: webhook ${w.name}: secret must be at least 16 characters`);
  }
}

/**
 * The shipped config folder (the repository's `config/`, from the sources or from dist/). Its urgency
 * signals (gas leak, fire, wage protests…) are plain Chinese, not the demo city's.
 */
function shippedConfigDir(): string | null {
  for (const up of ['../../..', '../../../..']) {
    const dir = resolve(__dirname, up, 'config');
    if (existsSync(join(dir, 'urgency.yaml'))) return dir;
  }
  return null;
}

/** The configuration's YAML files: the property, the file, its DTO, whether it may be absent. */
type ConfigFile = Exclude<keyof HubConfig, 'env' | 'cities'>;
const FILES: { [K in ConfigFile]: [file: string, dto: new () => HubConfig[K], optional: boolean] } = {
  mailboxes: ['mailboxes.yaml', MailboxesFile, true],
  sources: ['sources.yaml', SourcesFile, true],
  units: ['units.yaml', UnitsFile, false],
  taxonomy: ['taxonomy.yaml', TaxonomyFile, false],
  regions: ['regions.yaml', RegionsFile, false],
  policies: ['policies.yaml', PoliciesFile, true],
  holidays: ['holidays.yaml', HolidaysFile, true],
  urgency: ['urgency.yaml', UrgencyFile, true],
  webhooks: ['webhooks.yaml', WebhooksFile, true],
  upstreams: ['upstreams.yaml', UpstreamsFile, true],
  rates: ['rates.yaml', RatesFile, true],
};

function loadFile<K extends ConfigFile>(key: K, settings: EnvSettings, env: NodeJS.ProcessEnv, problems: string[]): HubConfig[K] {
  const [file, dto, optional] = FILES[key];
  let dir = settings.configDir;
  // A city without its own urgency.yaml gets the shipped signals, not none: a gas leak must never be routine
  // (`signals: []` turns them off).
  if (key === 'urgency' && !existsSync(join(dir, file))) dir = shippedConfigDir() ?? dir;
  return loadYamlFile(dir, file, dto, env, problems, optional);
}

export interface LoadConfigOptions {
  /**
   * For a short one-off command (`hub mailbox poll` from cron): only the environment and these
   * files are read and checked now, every other file when first used (a wrong setting in it throws
   * the same ConfigError then), and the cross-file checks the servers make at start-up are skipped.
   */
  only?: ConfigFile[];
}

/** Reads and validates the whole configuration; throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: LoadConfigOptions = {}): HubConfig {
  const problems: string[] = [];
  const settings = loadEnvSettings(env, problems);
  const dir = settings.configDir;
  if (opts.only) return lazyConfig(settings, env, opts.only, problems);
  const files = Object.fromEntries((Object.keys(FILES) as ConfigFile[]).map((k) => [k, loadFile(k, settings, env, problems)]));
  const noCities: CitiesSettings = { province: null, cities: [] };
  const cfg = { env: settings, ...files, cities: noCities } as HubConfig;
  cfg.cities = loadCities(dir, env, { production: settings.security.production, ticketPrefix: settings.ticketPrefix }, cfg, problems);
  for (const u of cfg.upstreams.upstreams) {
    const endpoint = upstreamEndpoint(u);
    if (endpoint) cfg.webhooks.webhooks.push(endpoint);
  }
  if (!problems.length) checkReferences(cfg, problems);
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

function lazyConfig(settings: EnvSettings, env: NodeJS.ProcessEnv, eager: ConfigFile[], problems: string[]): HubConfig {
  const noCities: CitiesSettings = { province: null, cities: [] };
  const cfg = { env: settings, cities: noCities } as HubConfig;
  const loaded = new Map<ConfigFile, unknown>();
  const get = <K extends ConfigFile>(key: K): HubConfig[K] => {
    if (!loaded.has(key)) {
      const found: string[] = [];
      const value = loadFile(key, settings, env, found);
      if (key === 'webhooks') {
        for (const u of get('upstreams').upstreams) {
          const endpoint = upstreamEndpoint(u);
          if (endpoint) (value as WebhooksFile).webhooks.push(endpoint);
        }
      }
      if (found.length) throw new ConfigError(found);
      loaded.set(key, value);
    }
    return loaded.get(key) as HubConfig[K];
  };
  for (const key of Object.keys(FILES) as ConfigFile[]) {
    Object.defineProperty(cfg, key, { enumerable: true, configurable: true, get: () => get(key), set: (v) => loaded.set(key, v) });
  }
  const now = (load: () => void) => {
    try {
      load();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
    }
  };
  for (const key of eager) now(() => get(key));
  // Read now: a province's cities merge their units, regions and categories into those files (which
  // are then read now too); without cities (production without demo ones) nothing more is read.
  now(
    () => (cfg.cities = loadCities(settings.configDir, env, { production: settings.security.production, ticketPrefix: settings.ticketPrefix }, cfg, problems)),
  );
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}
