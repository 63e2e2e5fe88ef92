import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { parseRedisUrl, redactRedisUrl, RedisTopology } from '@hub/config';

/** A connection to one node, a Sentinel group's master or a Cluster: what BullMQ, the locks and the heartbeats use. */
export type RedisClient = Redis | Cluster;

/** The topology REDIS_URL names; throws (naming the setting) when it names none. */
export function redisTopology(url: string): RedisTopology {
  const problems: string[] = [];
  const topology = parseRedisUrl(url, problems);
  if (problems.length) throw new Error(problems.join('; '));
  return topology;
}

/**
 * The one place a Redis connection is made. As BullMQ wants it: no per-request retry limit
 * (commands wait for a reconnection or a failover), ready check on. A Sentinel connection asks
 * the sentinels for the master again after every loss (so a failover is followed); a Cluster
 * connection follows MOVED/ASK redirections and refreshes its slot map.
 */
export function createRedis(url: string, name: string): RedisClient {
  const topology = redisTopology(url);
  const common: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false };
  const auth = { username: topology.username, password: topology.password, ...(topology.tls && topology.kind !== 'single' ? { tls: {} } : {}) };
  let redis: RedisClient;
  if (topology.kind === 'single') {
    redis = new Redis(url, common);
  } else if (topology.kind === 'sentinel') {
    redis = new Redis({
      ...common,
      ...auth,
      sentinels: topology.sentinels,
      name: topology.masterName,
      db: topology.db,
      sentinelPassword: topology.sentinelPassword,
      // A demoted master answers READONLY until the connection is moved: reconnect to the new one.
      reconnectOnError: (e) => (/READONLY/.test(e.message) ? 2 : false),
      failoverDetector: true,
    });
  } else {
    redis = new Cluster(topology.nodes, {
      enableReadyCheck: true,
      lazyConnect: false,
      // Keep the slot map fresh so a replica promoted after a master's loss is found soon.
      slotsRefreshTimeout: 2000,
      clusterRetryStrategy: (times) => Math.min(100 + times * 200, 2000),
      redisOptions: { ...common, ...auth },
    });
  }
  let last = 0;
  redis.on('error', (e: Error) => {
    // One line a minute while Redis is unreachable; /health shows it too.
    if (Date.now() - last > 60_000) {
      last = Date.now();
      console.warn(`redis ${redactRedisUrl(url)}: ${e.message}`);
    }
  });
  return redis;
}

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/**
 * What a production Redis should have and this one lacks: AOF persistence (without it a restart
 * loses the jobs since the last snapshot) and the noeviction policy (any other evicts job keys
 * under memory pressure). Each node of a Cluster is asked; a node that refuses INFO is skipped.
 */
export async function redisDurabilityWarnings(redis: RedisClient): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const warnings: string[] = [];
  for (const node of nodes) {
    const where = node.options.sentinels ? `(Sentinel 主节点组 ${node.options.name ?? '?'})` : `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;
    let info: string;
    try {
      info = await node.info();
    } catch {
      continue;
    }
    if (infoField(info, 'aof_enabled') !== '1')
      warnings.push(`Redis ${where} 未开启 AOF 持久化（appendonly no）：重启会丢失队列中的任务，生产环境请设 appendonly yes`);
    const policy = infoField(info, 'maxmemory_policy');
    if (policy && policy !== 'noeviction') warnings.push(`Redis ${where} 的 maxmemory-policy 为 ${policy}：内存紧张时会淘汰队列键，生产环境请设 noeviction`);
  }
  return warnings;
}
