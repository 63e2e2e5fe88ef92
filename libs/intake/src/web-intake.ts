import { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { ensureSource, IntakeItemEntity, isUniqueViolation, SourceEntity } from '@hub/database';
import { Actor, Channel, parseBusinessTime, Urgency } from '@hub/domain';
import type { JobProducer } from '@hub/queue';
import { createTicket, SYSTEM_ACTOR } from '@hub/tickets';
import { RawArchive } from './raw-archive';

export interface WebIntake {
  channel?: Channel;
  /** Source name (网上信访, 市长公开电话...); default by channel. */
  source?: string;
  externalId?: string;
  name?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  subject?: string;
  text: string;
  address?: string;
  urgency?: Urgency;
  confidential?: boolean;
  receivedAt?: string;
}

/** The posted item contradicts the hub's directory; nothing was stored. */
export class IntakeRefusedError extends Error {
  readonly code = 'BAD_INPUT';
}

const DEFAULT_SOURCE: Record<Channel, string> = { web: '网上信访', hotline: '12345热线', mailbox: '市长信箱' };

/**
 * The HTTP intake (web forms, other systems, calls typed in by hand): the posted document is
 * archived raw, then it becomes a ticket through the same pipeline as mail and exports.
 * Posting the same external id from the same source again returns the existing ticket.
 */
export async function receiveWebIntake(
  ds: DataSource, config: HubConfig, jobs: JobProducer | null, input: WebIntake, actor: Actor = SYSTEM_ACTOR, now = new Date(),
): Promise<{ ticketId: number; duplicate: boolean }> {
  const named = input.source?.trim() || null;
  const known = named ? await ds.getRepository(SourceEntity).findOneBy({ name: named }) : null;
  // A named line or mailbox belongs to one channel; reports count a channel by its lines, so a
  // ticket of 市长公开电话 must be a hotline ticket (it is, when channel is left out).
  if (known && input.channel && known.channel !== input.channel) {
    throw new IntakeRefusedError(`source ${known.name} is a ${known.channel} source; send channel ${known.channel} or leave channel out`);
  }
  const channel = (known?.channel as Channel | undefined) ?? input.channel ?? 'web';
  const sourceName = named ?? DEFAULT_SOURCE[channel];
  const source = known ?? (await ensureSource(ds, sourceName, channel));
  const existing = async (): Promise<number | null> => {
    if (!input.externalId) return null;
    const rows = await ds.query('SELECT id FROM tickets WHERE sourceId = ? AND externalId = ?', [source.id, input.externalId]);
    return rows.length ? Number(rows[0].id) : null;
  };
  const before = await existing();
  if (before !== null) return { ticketId: before, duplicate: true };
  const raw = await new RawArchive(config.env.dataDir).putBytes('http', Buffer.from(JSON.stringify({ ...input, receivedBy: actor.name, at: now.toISOString() }), 'utf8'), '.json');
  // A sending system that times out and posts again can race its own first post: the unique
  // (source, externalId) index lets one of them in, and the other answers with that ticket.
  let ticketId: number;
  try {
    ticketId = await ds.transaction(async (m) => {
      const t = await createTicket(m, {
        sourceId: source.id, channel, externalId: input.externalId ?? null, subject: input.subject ?? null, text: input.text.trim(),
        address: input.address ?? null, receivedAt: input.receivedAt ? parseBusinessTime(input.receivedAt)?.at ?? now : now, urgency: input.urgency ?? 'normal',
        confidential: input.confidential ?? false,
        requester: { name: input.name, phone: input.phone, email: input.email, idNumber: input.idNumber, address: input.address },
      }, actor);
      await m.getRepository(IntakeItemEntity).insert(<never>{
        kind: 'http', sourceName, rawPath: raw.path, sha256: raw.sha256, size: raw.size, status: 'ticketed', ticketId: t.id, attempts: 1,
      });
      return t.id;
    });
  } catch (e) {
    const winner = isUniqueViolation(e) ? await existing() : null;
    if (winner === null) throw e;
    return { ticketId: winner, duplicate: true };
  }
  await jobs?.add('ticket-classify', { ticketIds: [ticketId] }).catch(() => undefined);
  return { ticketId, duplicate: false };
}
