import { DataSource, In } from 'typeorm';
import { RequesterEntity, TicketEntity, TicketEventEntity } from '@hub/database';
import { normalizeEmail, normalizeIdNumber, normalizePhone } from '@hub/domain';
import { createTicket, NewTicket, SYSTEM_ACTOR } from './ticket-store';

const CHUNK = 400;

export interface BulkCreateResult {
  created: Array<{ id: number; sourceId: number; externalId: string | null }>;
  /** Items whose (source, external id) was already there (an overlapping or repeated export). */
  duplicates: number;
}

/**
 * Creates many tickets with a handful of statements per chunk (tickets, requesters, events), not
 * one round trip per row. Idempotent by (source, external id): what is already there is counted
 * as a duplicate and left alone.
 */
export async function createTicketsBulk(ds: DataSource, items: NewTicket[]): Promise<BulkCreateResult> {
  const result: BulkCreateResult = { created: [], duplicates: 0 };
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    await ds.transaction(async (m) => {
      const key = (s: number, e: string | null) => `${s}\u0000${e}`;
      const seen = new Set<string>();
      const fresh: NewTicket[] = [];
      for (const it of chunk) {
        if (it.externalId) {
          const k = key(it.sourceId, it.externalId);
          if (seen.has(k)) { result.duplicates++; continue; }
          seen.add(k);
        }
        fresh.push(it);
      }
      const withExt = fresh.filter((it) => it.externalId);
      const existing = new Set<string>();
      if (withExt.length) {
        const rows = await m.getRepository(TicketEntity).find({
          select: ['sourceId', 'externalId'],
          where: { externalId: In(withExt.map((it) => it.externalId as string)), sourceId: In([...new Set(withExt.map((it) => it.sourceId))]) },
        });
        for (const r of rows) existing.add(key(r.sourceId, r.externalId));
      }
      // Items without an external id cannot be matched again: they are created one by one.
      for (const it of fresh.filter((x) => !x.externalId)) {
        const t = await createTicket(m, it);
        result.created.push({ id: t.id, sourceId: t.sourceId, externalId: null });
      }
      const toInsert = fresh.filter((it) => it.externalId && !existing.has(key(it.sourceId, it.externalId)));
      result.duplicates += withExt.length - toInsert.length;
      if (!toInsert.length) return;
      const values = toInsert.map((it) => ({
        sourceId: it.sourceId, channel: it.channel, externalId: it.externalId ?? null, status: 'received',
        subject: it.subject?.slice(0, 500) ?? null, text: it.text, address: it.address?.slice(0, 500) ?? null,
        receivedAt: it.receivedAt, urgency: it.urgency ?? 'normal', confidential: Boolean(it.confidential),
        messageId: it.messageId ?? null, imported: false, repeatCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0,
        version: 1,
      }));
      if (values.length) await m.createQueryBuilder().insert().into(TicketEntity).values(values).orIgnore().updateEntity(false).execute();
      // Ids back by the unique key (portable across MySQL's and SQLite's insert-id rules).
      let ids: Array<{ id: number; sourceId: number; externalId: string | null }> = [];
      const ext = toInsert;
      {
        const rows = await m.getRepository(TicketEntity).find({
          select: ['id', 'sourceId', 'externalId'],
          where: { externalId: In(ext.map((it) => it.externalId as string)), sourceId: In([...new Set(ext.map((it) => it.sourceId))]) },
        });
        const wanted = new Set(ext.map((it) => key(it.sourceId, it.externalId ?? null)));
        ids = rows.filter((r) => wanted.has(key(r.sourceId, r.externalId)) && !existing.has(key(r.sourceId, r.externalId)));
      }
      const byKey = new Map(ids.map((r) => [key(r.sourceId, r.externalId), r.id]));
      const requesters: Array<Partial<RequesterEntity>> = [];
      const events: Array<Partial<TicketEventEntity>> = [];
      for (let j = 0; j < toInsert.length; j++) {
        const it = toInsert[j];
        const id = byKey.get(key(it.sourceId, it.externalId ?? null));
        if (!id) continue;
        const r = it.requester;
        if (r && (r.name || r.phone || r.email || r.idNumber)) {
          requesters.push({
            name: r.name?.trim() || null, phone: normalizePhone(r.phone), email: normalizeEmail(r.email),
            idNumber: normalizeIdNumber(r.idNumber), address: r.address?.trim() || null, originTicketId: id,
          });
        }
        events.push({
          ticketId: id, type: 'received', actorKind: SYSTEM_ACTOR.kind, actorId: null, actorName: SYSTEM_ACTOR.name,
          at: it.receivedAt, toStatus: 'received', data: { channel: it.channel },
        });
      }
      if (requesters.length) {
        await m.createQueryBuilder().insert().into(RequesterEntity).values(requesters as never).updateEntity(false).execute();
        await m.query(
          `UPDATE tickets SET requesterId = (SELECT r.id FROM requesters r WHERE r.originTicketId = tickets.id ORDER BY r.id LIMIT 1)
           WHERE id IN (${requesters.map(() => '?').join(',')}) AND requesterId IS NULL`,
          requesters.map((r) => r.originTicketId),
        );
      }
      if (events.length) await m.createQueryBuilder().insert().into(TicketEventEntity).values(events as never).updateEntity(false).execute();
      result.created.push(...ids);
    });
  }
  return result;
}
