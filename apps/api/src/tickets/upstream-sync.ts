import { type HubConfig, upstreamEndpoint } from '@hub/config';
import { type UnitOfWork, WEBHOOK_DELIVERIES } from '@hub/database';
import { UPSTREAM_SYNC_LABELS, UPSTREAM_SYNC_STATUSES, upstreamSyncStatus } from '@hub/domain';
import { Enum, Int, NullableStr, NullableTime, Str } from '../response-fields';

/** A ticket from an upstream platform that the hub reports back to: how far its events got there. */
export class UpstreamSync {
  @Str({ description: 'the upstream (source) name in upstreams.yaml' }) platform!: string;
  @Str({ description: 'the push-back endpoint, upstream-<code>: its deliveries are at /api/admin/webhooks/deliveries?ticketId=' }) endpoint!: string;
  @Enum(UPSTREAM_SYNC_STATUSES, 'UpstreamSyncStatus', { description: 'failed: a push-back was given up after its retry hours; an admin replays it' })
  status!: string;
  @Str() statusLabel!: string;
  @Int({ description: 'events pushed back and acknowledged by the platform' }) delivered!: number;
  @Int({ description: 'events still on their way (retried with back-off)' }) pending!: number;
  @Int() failed!: number;
  @NullableTime() lastSyncedAt!: string | null;
  @NullableStr({ description: 'why the last unsuccessful try failed' }) lastError!: string | null;
}

/** The sync status of a ticket whose source is an upstream with push-back; null for every other ticket. */
export async function upstreamSyncOf(uow: UnitOfWork, config: HubConfig, ticketId: number, sourceName: string | null) {
  const upstream = config.upstreams.upstreams.find((u) => u.name === sourceName);
  const endpoint = upstream ? upstreamEndpoint(upstream) : null;
  if (!upstream || !endpoint) return null;
  const rows = await uow.read(WEBHOOK_DELIVERIES).list({ endpoint: endpoint.name, ticketId, limit: 500 });
  const status = upstreamSyncStatus(rows);
  const delivered = rows.filter((r) => r.status === 'delivered');
  const last = (xs: Array<Date | null>) => xs.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);
  return {
    platform: upstream.name,
    endpoint: endpoint.name,
    status,
    statusLabel: UPSTREAM_SYNC_LABELS[status],
    delivered: delivered.length,
    pending: rows.filter((r) => r.status === 'pending' || r.status === 'sending').length,
    failed: rows.filter((r) => r.status === 'failed').length,
    lastSyncedAt: last(delivered.map((r) => r.deliveredAt)),
    lastError: [...rows].sort((a, b) => b.id - a.id).find((r) => r.status !== 'delivered' && r.lastError)?.lastError ?? null,
  };
}
