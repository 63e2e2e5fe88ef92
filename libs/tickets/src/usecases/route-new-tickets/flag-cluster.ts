import { Classification, clusterContaining } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import { CLUSTERS, RequesterEntity, TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork } from '@hub/database';
import type { Actor } from '@hub/domain';
import { clusterAlert } from '@hub/notify';
import { mattersOf } from './matter-of';

const CLUSTER_WINDOW_HOURS = 72;
const CLUSTER_MIN_REQUESTERS = 3;

/** Recent tickets of the category and region a new one is compared with, newest first. */
export const RECENT = 200;

/** What a job routing several tickets shares between them (set-router.ts). */
export interface ClusterContext {
  /** The job's tickets routed before this one, classified in memory and not yet written: they count as they now are. */
  routed: TicketEntity[];
  /** The stored recent tickets of a category and region, read once for the job (received after the job's earliest window start). */
  recentIn: (category: string | null, region: string | null) => Promise<TicketEntity[]>;
  /** Requesters already read. */
  requesters: Map<number, RequesterEntity>;
}

export const clusterWindowStart = (t: Pick<TicketEntity, 'receivedAt'>) => new Date(t.receivedAt.getTime() - CLUSTER_WINDOW_HOURS * 3600_000);

/**
 * 集体访 / 热点: many different requesters on the same place and matter in a window; supervisors
 * hear of each new one. Gives the cluster's id and its tickets when the ticket is in one.
 */
export async function flagCluster(
  uow: UnitOfWork,
  config: HubConfig,
  router: Actor,
  now: () => Date,
  t: TicketEntity,
  c: Classification,
  job?: ClusterContext,
): Promise<{ clusterId: number; ticketIds: number[] } | null> {
  if (!c.why.place && !t.region) return null;
  const since = clusterWindowStart(t);
  const where = { category: t.category, region: t.region, since };
  const alike = (x: TicketEntity) =>
    x.id !== t.id && (where.category == null || x.category === where.category) && (where.region == null || x.region === where.region) && x.receivedAt > since;
  const mates = (job?.routed ?? []).filter(alike);
  const inMemory = new Set([t.id, ...mates.map((m) => m.id)]);
  const stored = (job ? (await job.recentIn(t.category, t.region)).filter(alike) : await uow.read(TICKETS).listRecentIn(where, RECENT)).filter(
    (x) => !inMemory.has(x.id),
  );
  const recent = [t, ...[...mates, ...stored].sort((a, b) => b.id - a.id).slice(0, RECENT - 1)];
  if (recent.length < CLUSTER_MIN_REQUESTERS) return null;
  const items = await mattersOf(uow, recent, { id: t.id, c }, job?.requesters);
  const cluster = clusterContaining(items, t.id, { windowHours: CLUSTER_WINDOW_HOURS, minRequesters: CLUSTER_MIN_REQUESTERS });
  if (!cluster) return null;
  // The same episode goes on under the cluster its tickets already belong to; the same place and
  // matter weeks later is a new collective matter, flagged to supervisors again.
  const members = new Set(cluster.itemIds.map(Number));
  const known = recent.filter((x) => members.has(x.id) && x.clusterId).map((x) => x.clusterId as number);
  const fields = {
    category: cluster.category,
    region: cluster.region,
    title: `${cluster.place ?? cluster.region ?? ''} ${cluster.category ?? ''}`.trim().slice(0, 300) || '集体诉求',
    firstAt: new Date(cluster.firstAt),
    lastAt: new Date(cluster.lastAt),
    ticketCount: cluster.itemIds.length,
    requesterCount: cluster.requesters,
  };
  return uow.run(async (tx) => {
    const clusters = tx.get(CLUSTERS);
    const existing = known.length ? await clusters.findById(Math.max(...known)) : null;
    // Two tickets of one episode routed at the same moment both find no cluster yet: the key makes
    // them meet in one row (insert-or-get), and only the one that inserted it tells the supervisors.
    const { cluster: row, created } = existing
      ? { cluster: existing, created: false }
      : await clusters.insertOrGet({ key: `${cluster.key.slice(0, 170)}#${cluster.firstAt}`, status: 'flagged', flaggedAt: now(), ...fields });
    const saved = await clusters.save(Object.assign(row, fields));
    const ticketIds = cluster.itemIds.map(Number);
    await tx.get(TICKETS).setCluster(ticketIds, saved.id);
    const result = { clusterId: saved.id, ticketIds };
    if (!created) return result;
    await tx
      .get(TICKET_EVENTS)
      .record({ ticketId: t.id, type: 'cluster_flagged', actor: router, at: now(), data: { clusterId: saved.id, requesters: cluster.requesters } });
    await tx.mail({
      dedupeKey: `cluster-${saved.id}`,
      kind: 'alert',
      to: config.units.supervisors.map((s) => s.email),
      ...clusterAlert(saved.title, cluster.requesters, CLUSTER_WINDOW_HOURS),
      ticketId: t.id,
    });
    return result;
  });
}
