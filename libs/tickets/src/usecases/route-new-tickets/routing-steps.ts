import type { Classification, Classifier } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import type { ClassificationSnapshot, OutgoingMail, SourceEntity, TicketEntity, UnitEntity, UnitOfWork } from '@hub/database';
import type { Actor, Urgency } from '@hub/domain';
import { urgentAlert } from '@hub/notify';
import type { TicketFactsReader } from '../shared/ticket-facts';

/** The router's name in events and timelines. */
export const ROUTER: Actor = { kind: 'system', id: null, name: '智能分拨' };

export interface RouteOutcome {
  ticketId: number;
  result: 'dispatched' | 'triage' | 'merged' | 'skipped';
  classification?: Classification;
}

/** Sources and units read once per job (a file's tickets mostly share both): what a job's tickets look up, by id or name. */
export interface Lookups {
  sources: Map<number, Promise<SourceEntity | null>>;
  units: Map<string, Promise<UnitEntity | null>>;
}

export function once<K, V>(cache: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let hit = cache.get(key);
  if (!hit) {
    hit = read();
    cache.set(key, hit);
    // A failed read (the database away) is not kept: the job fails and its retry reads again.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** The model's decision on a ticket, as stored on it, and the urgency it then has. */
export function classifyTicket(classifier: Classifier, t: TicketEntity, source: SourceEntity | null) {
  const c = classifier.classify({ text: `${t.subject ?? ''}\n${t.text}`, channel: t.channel, address: t.address, source: source?.name });
  const snapshot: ClassificationSnapshot = {
    category: c.category,
    region: c.region,
    department: c.department,
    urgency: c.urgency,
    urgencySuspected: c.urgencySuspected,
    urgencyScore: c.urgencyScore,
    disposition: c.disposition,
    confidence: c.confidence,
    auto: c.auto,
    suggestions: c.suggestions,
    why: c.why as unknown as Record<string, unknown>,
    modelVersion: classifier.model.version,
  };
  // The requester's own earlier words win over the model on urgency only when they say urgent.
  const urgency: Urgency = t.urgency === 'urgent' || c.urgency === 'urgent' ? 'urgent' : 'normal';
  return { c, snapshot, urgency };
}

/** What the 分拨 clock of a ticket left in triage is set by (the time-limit rules' channel, urgency, category and source). */
export function triageContext(t: TicketEntity, source: string | null) {
  return { channel: t.channel, urgency: t.urgency, category: t.category, source };
}

/** Urgent or sensitive (gas, fire, threats of extreme action...): the mail that tells the duty supervisor at once (null: no supervisor configured). */
export function supervisorAlert(config: HubConfig, facts: TicketFactsReader, t: TicketEntity, c: Classification): OutgoingMail | null {
  const to = config.units.supervisors.map((s) => s.email);
  if (!to.length) return null;
  const alert = urgentAlert({ number: facts.number(t), subject: t.subject, text: t.text }, Boolean(c.sensitive), c.why.urgencySignals, facts.link(t));
  return { dedupeKey: `urgent-${t.id}`, kind: 'alert', to, ticketId: t.id, ...alert };
}

/** Sends `supervisorAlert` in a unit of work of its own. */
export async function alertSupervisors(uow: UnitOfWork, config: HubConfig, facts: TicketFactsReader, t: TicketEntity, c: Classification): Promise<void> {
  const mail = supervisorAlert(config, facts, t, c);
  if (mail) await uow.run((tx) => tx.mail(mail));
}
