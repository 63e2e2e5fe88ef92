import type { EntityManager } from 'typeorm';
import { SourceEntity, TicketEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '../entities';

/** Where the capture notes the events it added deliveries for, for the after-commit step (see webhookEventsOf). */
const PENDING_KEY = 'hubWebhookEvents';

/** The endpoints once per transaction (an event-heavy use case records several events). */
const endpointsOf = new WeakMap<EntityManager, Promise<Array<Pick<WebhookEndpointEntity, 'name' | 'events' | 'sourceName'>>>>();

function activeEndpoints(m: EntityManager): Promise<Array<Pick<WebhookEndpointEntity, 'name' | 'events' | 'sourceName'>>> {
  let endpoints = endpointsOf.get(m);
  if (!endpoints) {
    endpoints = m.getRepository(WebhookEndpointEntity).find({ where: { active: true }, select: ['name', 'events', 'sourceName'] });
    endpointsOf.set(m, endpoints);
  }
  return endpoints;
}

/** Whether any endpoint would take deliveries (read once per transaction). */
export async function hasWebhookEndpoints(m: EntityManager): Promise<boolean> {
  return (await activeEndpoints(m)).length > 0;
}

/**
 * Adds a pending delivery for each endpoint that wants each event, in the caller's transaction:
 * an event that commits has its deliveries, one that rolls back has none. Endpoints come from
 * the `webhook_endpoints` table (synced from webhooks.yaml at start-up), so every process that
 * records events (API, worker, CLI) captures them alike. No endpoint: one indexed read, nothing written.
 */
export async function captureWebhookDeliveries(
  m: EntityManager,
  events: Array<{ id: number; ticketId: number | null; type: string }>,
  now = new Date(),
): Promise<number> {
  const forTickets = events.filter((e): e is { id: number; ticketId: number; type: string } => e.ticketId != null && Number.isFinite(e.id));
  if (!forTickets.length) return 0;
  const wanted = await activeEndpoints(m);
  if (!wanted.length) return 0;
  // An endpoint for one source's tickets (an upstream platform's push-back) needs each ticket's source.
  const sourceOf = wanted.some((w) => w.sourceName) ? await ticketSources(m, [...new Set(forTickets.map((e) => e.ticketId))]) : null;
  const rows = forTickets.flatMap((e) =>
    wanted
      .filter((w) => w.events === 'all' || w.events.includes(`,${e.type},`))
      .filter((w) => !w.sourceName || sourceOf?.get(e.ticketId) === w.sourceName)
      .map((w) => ({
        eventId: e.id,
        endpoint: w.name,
        ticketId: e.ticketId,
        eventType: e.type.slice(0, 32),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
      })),
  );
  if (!rows.length) return 0;
  await m.getRepository(WebhookDeliveryEntity).insert(rows as never);
  const data = m.queryRunner?.data as Record<string, unknown> | undefined;
  if (data) ((data[PENDING_KEY] ??= []) as number[]).push(...new Set(rows.map((r) => r.eventId)));
  return rows.length;
}

/** The event ids a committed transaction captured deliveries for (read by the after-commit subscriber). */
export function webhookEventsOf(queryRunnerData: unknown): number[] {
  const list = (queryRunnerData as Record<string, unknown> | undefined)?.[PENDING_KEY];
  if (!Array.isArray(list)) return [];
  (queryRunnerData as Record<string, unknown>)[PENDING_KEY] = [];
  return list as number[];
}

/** The `events` column: `all`, or the types between commas so that LIKE and includes match whole names. */
export function endpointEventsColumn(events: string[] | 'all'): string {
  return events === 'all' ? 'all' : `,${events.join(',')},`;
}

/** The source name of each ticket (for endpoints that want one source's tickets only). */
async function ticketSources(m: EntityManager, ticketIds: number[]): Promise<Map<number, string>> {
  const rows = await m
    .getRepository(TicketEntity)
    .createQueryBuilder('t')
    .innerJoin(SourceEntity, 's', 's.id = t.sourceId')
    .select(['t.id AS id', 's.name AS name'])
    .where('t.id IN (:...ids)', { ids: ticketIds })
    .getRawMany<{ id: number; name: string }>();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
