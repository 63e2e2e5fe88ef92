import type { NewSms, OutgoingSms, SmsDeliveryState, SmsOutboxRepository } from '../repositories/sms-outbox.repository';
import type { SmsOptOutRepository } from '../repositories/sms-opt-out.repository';
import type { WebhookDelivery, WebhookDeliveryFilter, WebhookDeliveryRepository, WebhookEventFacts } from '../repositories/webhook-delivery.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** The SMS outbox for use-case specs (same claim/lease rules as the TypeORM one). */
export class InMemorySmsOutboxRepository implements SmsOutboxRepository, Snapshottable {
  readonly table = new InMemoryTable<OutgoingSms>();
  readonly segments = new InMemoryTable<{ id: number; smsId: number; providerMessageId: string; status: string | null; doneAt: Date | null }>();
  async add(sms: NewSms): Promise<number | null> {
    if (this.table.where((r) => r.dedupeKey === sms.dedupeKey).length) return null;
    return this.table.insert({
      dedupeKey: sms.dedupeKey,
      kind: sms.kind,
      phone: sms.phone,
      text: sms.text,
      ticketId: sms.ticketId ?? null,
      urgent: sms.urgent ?? false,
      essential: sms.essential ?? false,
      status: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: sms.notBefore ?? new Date(0),
      sentAt: null,
      segments: 0,
      segmentsDelivered: 0,
      deliveryStatus: null,
      deliveredAt: null,
    }).id;
  }
  async addMany(list: NewSms[]): Promise<Array<{ id: number; dedupeKey: string }>> {
    const added: Array<{ id: number; dedupeKey: string }> = [];
    for (const sms of list) {
      const id = await this.add(sms);
      if (id != null) added.push({ id, dedupeKey: sms.dedupeKey });
    }
    return added;
  }
  async find(id: number) {
    return this.table.get(id) ?? null;
  }
  async claim(id: number, now: Date, leaseMs: number): Promise<boolean> {
    const r = this.table.get(id);
    if (!r || !['pending', 'sending'].includes(r.status) || (r.nextAttemptAt && r.nextAttemptAt > now)) return false;
    this.table.update(id, { status: 'sending', nextAttemptAt: new Date(now.getTime() + leaseMs) });
    return true;
  }
  async release(id: number, until: Date) {
    this.table.update(id, { status: 'pending', nextAttemptAt: until });
  }
  async recordSent(id: number, s: { at: Date; attempts: number; providerIds: string[] }) {
    this.table.update(id, { status: 'sent', sentAt: s.at, attempts: s.attempts, lastError: null, segments: s.providerIds.length, nextAttemptAt: null });
    for (const p of s.providerIds) this.segments.insert({ smsId: id, providerMessageId: p, status: null, doneAt: null });
  }
  async recordFailure(id: number, f: { attempts: number; error: string; final: boolean; retryAt: Date }) {
    this.table.update(id, { attempts: f.attempts, lastError: f.error, status: f.final ? 'failed' : 'pending', nextAttemptAt: f.retryAt });
  }
  async suppress(id: number, reason: string) {
    this.table.update(id, { status: 'suppressed', lastError: reason, nextAttemptAt: null });
  }
  async listDue(now: Date, limit: number) {
    return this.table
      .where((r) => ['pending', 'sending'].includes(r.status) && !!r.nextAttemptAt && r.nextAttemptAt <= now)
      .slice(0, limit)
      .map((r) => r.id);
  }
  async recordReceipt(r: { providerMessageId: string; state: SmsDeliveryState; at: Date }) {
    const seg = this.segments.where((s) => s.providerMessageId === r.providerMessageId)[0];
    if (!seg) return null;
    this.segments.update(seg.id, { status: r.state, doneAt: r.at });
    const all = this.segments.where((s) => s.smsId === seg.smsId);
    const delivered = all.filter((s) => s.status === 'delivered').length;
    const failed = all.find((s) => s.status && s.status !== 'delivered');
    const deliveryStatus = failed?.status ?? (delivered === all.length ? 'delivered' : null);
    this.table.update(seg.smsId, { segmentsDelivered: delivered, deliveryStatus, deliveredAt: deliveryStatus === 'delivered' ? r.at : null });
    return { smsId: seg.smsId, deliveryStatus };
  }
  snapshot(): () => void {
    const a = this.table.snapshot();
    const b = this.segments.snapshot();
    return () => (a(), b());
  }
}

export class InMemorySmsOptOutRepository implements SmsOptOutRepository, Snapshottable {
  readonly table = new InMemoryTable<{ id: number; phone: string; via: string; text: string | null }>();
  async isOptedOut(phone: string) {
    return this.table.where((r) => r.phone === phone).length > 0;
  }
  async optOut(phone: string, via: 'sms-reply' | 'admin', text: string | null) {
    if (await this.isOptedOut(phone)) return false;
    this.table.insert({ phone, via, text });
    return true;
  }
  async optIn(phone: string) {
    const rows = this.table.where((r) => r.phone === phone);
    for (const r of rows) this.table.delete(r.id);
    return rows.length > 0;
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}

/** Webhook deliveries for use-case specs; `facts` is what eventFacts answers. */
export class InMemoryWebhookDeliveryRepository implements WebhookDeliveryRepository, Snapshottable {
  readonly table = new InMemoryTable<WebhookDelivery>();
  readonly facts = new Map<number, WebhookEventFacts>();
  endpoints: Array<{ name: string; events: string[] | 'all' }> = [];
  add(d: Pick<WebhookDelivery, 'eventId' | 'endpoint' | 'ticketId' | 'eventType'> & { createdAt?: Date }): WebhookDelivery {
    return this.table.insert({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(0),
      lastStatusCode: null,
      lastError: null,
      body: null,
      deliveredAt: null,
      createdAt: d.createdAt ?? new Date(0),
      ...d,
    } as WebhookDelivery);
  }
  async syncEndpoints(endpoints: Array<{ name: string; events: string[] | 'all'; source?: string | null }>) {
    this.endpoints = endpoints;
  }
  async find(id: number) {
    return this.table.get(id) ?? null;
  }
  async findByEvents(eventIds: number[]) {
    return this.table.where((d) => eventIds.includes(d.eventId));
  }
  async hasEarlierOpen(d: Pick<WebhookDelivery, 'endpoint' | 'ticketId' | 'eventId'>) {
    return (
      this.table.where((x) => x.endpoint === d.endpoint && x.ticketId === d.ticketId && x.eventId < d.eventId && ['pending', 'sending'].includes(x.status))
        .length > 0
    );
  }
  async nextInLine(d: Pick<WebhookDelivery, 'endpoint' | 'ticketId' | 'eventId'>) {
    return (
      this.table.where((x) => x.endpoint === d.endpoint && x.ticketId === d.ticketId && x.status === 'pending').sort((a, b) => a.eventId - b.eventId)[0] ?? null
    );
  }
  async claim(id: number, now: Date, leaseMs: number) {
    const r = this.table.get(id);
    if (!r || !['pending', 'sending'].includes(r.status) || (r.nextAttemptAt && r.nextAttemptAt > now)) return false;
    this.table.update(id, { status: 'sending', nextAttemptAt: new Date(now.getTime() + leaseMs) });
    return true;
  }
  async keepBody(id: number, body: string) {
    if (!this.table.get(id)?.body) this.table.update(id, { body });
  }
  async recordDelivered(id: number, r: { at: Date; attempts: number; statusCode: number }) {
    this.table.update(id, { status: 'delivered', deliveredAt: r.at, attempts: r.attempts, lastStatusCode: r.statusCode, lastError: null, nextAttemptAt: null });
  }
  async recordFailure(id: number, r: { attempts: number; statusCode: number | null; error: string; final: boolean; retryAt: Date }) {
    this.table.update(id, {
      status: r.final ? 'failed' : 'pending',
      attempts: r.attempts,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      nextAttemptAt: r.final ? null : r.retryAt,
    });
  }
  async listDue(now: Date, limit: number) {
    return this.table.where((d) => ['pending', 'sending'].includes(d.status) && !!d.nextAttemptAt && d.nextAttemptAt <= now).slice(0, limit);
  }
  async list(f: WebhookDeliveryFilter) {
    return this.table
      .where((d) => (!f.status || d.status === f.status) && (!f.endpoint || d.endpoint === f.endpoint))
      .reverse()
      .slice(0, f.limit);
  }
  async replay(id: number, now: Date) {
    const d = this.table.get(id);
    if (!d || !['failed', 'delivered'].includes(d.status)) return false;
    this.table.update(id, { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, lastStatusCode: null, deliveredAt: null });
    return true;
  }
  async eventFacts(eventId: number) {
    return this.facts.get(eventId) ?? null;
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
