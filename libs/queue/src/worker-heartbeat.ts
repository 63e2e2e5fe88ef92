import type { RedisClient } from './redis-connection';

/**
 * Worker heartbeats in Redis: each worker process writes one field of a hash under the queue prefix
 * every HEARTBEAT_EVERY_MS; /health reads them. The hash expires when no worker has written for a
 * while, and a FLUSHDB is repaired by the next beat.
 */
export const HEARTBEAT_EVERY_MS = 5_000;
/** A worker silent this long is reported as gone (dead, hung, or cut off from Redis). */
export const HEARTBEAT_STALE_MS = 20_000;
/** Fields of workers silent this long are removed by the others' beats. */
export const HEARTBEAT_FORGET_MS = 3_600_000;

export interface WorkerHeartbeat {
  /** `host:pid`. */
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  beatAt: string;
  /** Jobs running at the beat, and totals since start. */
  running: number;
  completed: number;
  failed: number;
}

export interface WorkerHeartbeatReport {
  /** Up when at least one worker beat within HEARTBEAT_STALE_MS. */
  status: 'up' | 'down';
  alive: number;
  workers: Array<WorkerHeartbeat & { alive: boolean; silentForMs: number }>;
}

export function heartbeatKey(prefix: string): string {
  return `${prefix}:workers`;
}

/** Writes this worker's beat (the runner calls it on a timer). */
export async function writeWorkerHeartbeat(redis: RedisClient, prefix: string, beat: WorkerHeartbeat, now = Date.now()): Promise<void> {
  const key = heartbeatKey(prefix);
  await redis.multi().hset(key, beat.id, JSON.stringify(beat)).pexpire(key, HEARTBEAT_FORGET_MS).exec();
  const all = await redis.hgetall(key);
  const gone = Object.entries(all)
    .filter(([, v]) => now - Date.parse(parse(v)?.beatAt ?? '') > HEARTBEAT_FORGET_MS)
    .map(([id]) => id);
  if (gone.length) await redis.hdel(key, ...gone);
}

/** Removes this worker's beat (a clean shutdown is not a death). */
export async function clearWorkerHeartbeat(redis: RedisClient, prefix: string, id: string): Promise<void> {
  await redis.hdel(heartbeatKey(prefix), id);
}

/**
 * What /health reports about the workers. Throws when Redis does not answer (the caller's Redis
 * check says so already).
 */
export async function readWorkerHeartbeats(redis: RedisClient, prefix: string, now = Date.now()): Promise<WorkerHeartbeatReport> {
  const all = await redis.hgetall(heartbeatKey(prefix));
  const workers = Object.values(all)
    .map(parse)
    .filter((b): b is WorkerHeartbeat => b !== null)
    .map((b) => {
      const silentForMs = Math.max(0, now - Date.parse(b.beatAt));
      return { ...b, silentForMs, alive: silentForMs <= HEARTBEAT_STALE_MS };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const alive = workers.filter((w) => w.alive).length;
  return { status: alive ? 'up' : 'down', alive, workers };
}

function parse(v: string): WorkerHeartbeat | null {
  try {
    const b = JSON.parse(v) as WorkerHeartbeat;
    return typeof b?.beatAt === 'string' && typeof b.id === 'string' ? b : null;
  } catch {
    return null;
  }
}
