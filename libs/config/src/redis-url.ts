/**
 * REDIS_URL in its three shapes:
 * - one node: `redis://[user:pass@]host:6379[/db]` (`rediss://` over TLS);
 * - a Sentinel group: `redis+sentinel://[user:pass@]host:26379,host:26380/mymaster[?db=0&sentinelPassword=…]`
 *   (the password is the master's; `sentinelPassword` when the sentinels ask for one too);
 * - a Cluster: `redis+cluster://[user:pass@]host:7000,host:7001` (any reachable nodes; the rest are discovered).
 * `rediss+sentinel://` and `rediss+cluster://` speak TLS to the data nodes.
 */
export interface RedisNode {
  host: string;
  port: number;
}

interface RedisAuth {
  username?: string;
  password?: string;
  tls: boolean;
}

export type RedisTopology =
  | ({ kind: 'single'; url: string } & RedisAuth)
  | ({ kind: 'sentinel'; sentinels: RedisNode[]; masterName: string; db: number; sentinelPassword?: string } & RedisAuth)
  | ({ kind: 'cluster'; nodes: RedisNode[] } & RedisAuth);

const MULTI = /^(rediss?)\+(sentinel|cluster):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/;

function parseNodes(list: string, defaultPort: number, problems: string[]): RedisNode[] {
  const nodes: RedisNode[] = [];
  for (const part of list.split(',').map((s) => s.trim())) {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(part);
    const port = Number(m?.[2] ?? defaultPort);
    if (!m || !Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`REDIS_URL: "${part}" is not host:port`);
      continue;
    }
    nodes.push({ host: m[1].replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
}

function parseAuth(userinfo: string | undefined): { username?: string; password?: string } {
  if (!userinfo) return {};
  const i = userinfo.indexOf(':');
  const user = decodeURIComponent(i < 0 ? userinfo : userinfo.slice(0, i));
  const password = i < 0 ? undefined : decodeURIComponent(userinfo.slice(i + 1));
  return { username: user || undefined, password: password || undefined };
}

/** Reads REDIS_URL; each problem names the setting and what is expected. */
export function parseRedisUrl(url: string, problems: string[]): RedisTopology {
  if (/^rediss?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      problems.push(`REDIS_URL: not a valid URL (${redactRedisUrl(url)})`);
    }
    return { kind: 'single', url, tls: url.startsWith('rediss:') };
  }
  const m = MULTI.exec(url);
  if (!m) {
    problems.push(
      `REDIS_URL must start with redis://, rediss://, redis+sentinel:// or redis+cluster://, e.g. redis://host:6379, redis+sentinel://host:26379,host:26380/mymaster, redis+cluster://host:7000,host:7001 (got ${redactRedisUrl(url)})`,
    );
    return { kind: 'single', url: 'redis://127.0.0.1:6379', tls: false };
  }
  const [, scheme, kind, userinfo, hosts, path, query] = m;
  const auth = { ...parseAuth(userinfo), tls: scheme === 'rediss' };
  const params = new URLSearchParams(query ?? '');
  if (kind === 'cluster') {
    const nodes = parseNodes(hosts, 6379, problems);
    if (path) problems.push(`REDIS_URL: a Cluster has no database number or master name (got /${path})`);
    return { kind: 'cluster', nodes, ...auth };
  }
  const sentinels = parseNodes(hosts, 26379, problems);
  const masterName = decodeURIComponent(path ?? '');
  if (!masterName) problems.push('REDIS_URL: name the Sentinel master group, e.g. redis+sentinel://host:26379,host:26380/mymaster');
  const db = Number(params.get('db') ?? 0);
  if (!Number.isInteger(db) || db < 0) problems.push(`REDIS_URL: db must be a whole number (got ${params.get('db')})`);
  return { kind: 'sentinel', sentinels, masterName, db, sentinelPassword: params.get('sentinelPassword') ?? undefined, ...auth };
}

/** REDIS_URL with its passwords hidden, for logs and errors. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').replace(/(sentinelPassword=)[^&]*/, '$1***');
}
