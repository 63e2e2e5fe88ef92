/**
 * Where a ticket pulled from an upstream platform stands with it: every event pushed back
 * (`synced`), some still on their way or being retried (`pending`), or some given up after their
 * retry hours (`failed`: an administrator replays them under 系统管理 → 推送失败).
 */
export const UPSTREAM_SYNC_STATUSES = ['synced', 'pending', 'failed'] as const;
export type UpstreamSyncStatus = (typeof UPSTREAM_SYNC_STATUSES)[number];

export const UPSTREAM_SYNC_LABELS: Record<UpstreamSyncStatus, string> = { synced: '已同步', pending: '同步中', failed: '同步失败' };

/** The sync status of a ticket from the statuses of its push-back deliveries (pending, sending, delivered, failed). */
export function upstreamSyncStatus(deliveries: ReadonlyArray<{ status: string }>): UpstreamSyncStatus {
  if (deliveries.some((d) => d.status === 'failed')) return 'failed';
  return deliveries.every((d) => d.status === 'delivered') ? 'synced' : 'pending';
}
