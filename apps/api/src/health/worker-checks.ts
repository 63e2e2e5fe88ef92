import { IMPORT_FILES, type UnitOfWork } from '@hub/database';
import { HEARTBEAT_STALE_MS, readWorkerHeartbeats, type RedisClient } from '@hub/queue';

/** An import `running` with no batch written for this long is listed by /health (its worker died, or it hangs). */
export const IMPORT_STALLED_AFTER_MS = 10 * 60_000;
/** At most this many stalled imports are listed. */
const STALLED_LIST_LIMIT = 20;

export interface WorkersCheck {
  status: 'up' | 'down';
  detail?: string;
  alive: number;
  workers: Array<{
    id: string;
    host: string;
    pid: number;
    startedAt: string;
    beatAt: string;
    silentForMs: number;
    alive: boolean;
    running: number;
    completed: number;
    failed: number;
  }>;
}

export interface ImportsCheck {
  status: 'up' | 'degraded';
  detail?: string;
  stalled: Array<{ id: number; sourceName: string; fileName: string; startedAt: Date; progressAt: Date | null; rows: number; silentForMs: number }>;
}

/** The workers' heartbeats (Redis must have answered already: its connection waits for ever while Redis is away). */
export async function workersCheck(redis: RedisClient, prefix: string, now = Date.now()): Promise<WorkersCheck> {
  try {
    const r = await readWorkerHeartbeats(redis, prefix, now);
    const workers = r.workers.map((w) => ({
      id: w.id,
      host: w.host,
      pid: w.pid,
      startedAt: w.startedAt,
      beatAt: w.beatAt,
      silentForMs: w.silentForMs,
      alive: w.alive,
      running: w.running,
      completed: w.completed,
      failed: w.failed,
    }));
    if (r.status === 'up') return { status: 'up', alive: r.alive, workers };
    const seconds = Math.round(HEARTBEAT_STALE_MS / 1000);
    const detail = workers.length
      ? `没有处理进程（worker）在 ${seconds} 秒内报到：来件、分派、提醒和外发都停着`
      : '没有处理进程（worker）报到过：来件、分派、提醒和外发都不会进行';
    return { status: 'down', detail, alive: 0, workers };
  } catch (e) {
    return { status: 'down', detail: `读不到处理进程的心跳：${(e as Error).message}`, alive: 0, workers: [] };
  }
}

/** Imports still `running` whose last progress (or start) is older than IMPORT_STALLED_AFTER_MS. */
export async function importsCheck(uow: UnitOfWork, now: Date): Promise<ImportsCheck> {
  const rows = await uow.read(IMPORT_FILES).listStalled(new Date(now.getTime() - IMPORT_STALLED_AFTER_MS), STALLED_LIST_LIMIT);
  const stalled = rows.map((f) => ({
    id: f.id,
    sourceName: f.sourceName,
    fileName: f.fileName,
    startedAt: f.createdAt,
    progressAt: f.progressAt,
    rows: f.rows,
    silentForMs: now.getTime() - (f.progressAt ?? f.createdAt).getTime(),
  }));
  if (!stalled.length) return { status: 'up', stalled };
  const minutes = Math.round(IMPORT_STALLED_AFTER_MS / 60_000);
  return { status: 'degraded', detail: `${stalled.length} 个导入超过 ${minutes} 分钟没有进展（处理进程退出或卡住）`, stalled };
}
