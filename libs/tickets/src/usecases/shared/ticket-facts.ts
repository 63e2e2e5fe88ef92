import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { REQUESTERS, RequesterEntity, SOURCES, TicketEntity, Transaction } from '@hub/database';
import type { TicketFacts } from '@hub/notify';
import { ticketNumber } from '../../ticket-store';
import type { CityOf, PolicyContext } from './deadline-planner';

type Reader = Pick<Transaction, 'get'>;

/** What mails and time-limit rules say about a ticket: its number, link, source, requester and mailbox. */
@Injectable()
export class TicketFactsReader {
  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  number(t: Pick<TicketEntity, 'id' | 'receivedAt'> & { numberPrefix?: string | null }): string {
    return ticketNumber(this.config.env.ticketPrefix, t);
  }

  /** Where citizens open a page of their own (`/q`, `/q/s/<token>`): HUB_PUBLIC_URL. */
  publicPage(path: string): string {
    return `${this.config.env.publicUrl}${path}`;
  }

  link(t: Pick<TicketEntity, 'id'>): string {
    return `${this.config.env.publicUrl}/#/tickets/${t.id}`;
  }

  /** The city whose working days the ticket's clocks count on: a city's ticket carries its prefix (null: the installation's). */
  cityOf(t: Pick<TicketEntity, 'numberPrefix'>): CityOf {
    return { city: t.numberPrefix ? (this.config.cities?.cities.find((c) => c.prefix === t.numberPrefix)?.name ?? null) : null };
  }

  /** What the time-limit rules match on, the line or mailbox included (a rule may be `source: [省长信箱]`), and the ticket's city. */
  async policyContext(tx: Reader, t: TicketEntity): Promise<PolicyContext> {
    const source = await tx.get(SOURCES).findById(t.sourceId);
    return this.policyContextOf(t, source?.name ?? null);
  }

  /** `policyContext` with the source's name the caller has already read. */
  policyContextOf(t: TicketEntity, source: string | null): PolicyContext {
    return { channel: t.channel, urgency: t.urgency, category: t.category, source, leaderCase: t.leaderId != null, ...this.cityOf(t) };
  }

  async facts(tx: Reader, t: TicketEntity): Promise<TicketFacts> {
    const [source, requester] = await Promise.all([tx.get(SOURCES).findById(t.sourceId), t.requesterId ? tx.get(REQUESTERS).findById(t.requesterId) : null]);
    return this.factsOf(t, source?.name ?? null, requester);
  }

  /** `facts` from a source and requester the caller has already read (a batch of tickets). */
  factsOf(t: TicketEntity, source: string | null, requester: RequesterEntity | null): TicketFacts {
    return {
      number: this.number(t),
      subject: t.subject,
      text: t.text,
      channel: t.channel,
      source: source ?? '',
      receivedAt: t.receivedAt,
      category: t.category,
      region: t.region,
      urgency: t.urgency,
      address: t.address,
      requesterName: requester?.name ?? null,
      requesterPhone: requester?.phone ?? null,
      requesterEmail: requester?.email ?? null,
      requesterIdNumber: requester?.idNumber ?? null,
      requesterAddress: requester?.address ?? null,
      confidential: t.confidential,
    };
  }

  /** A letter is answered from the mailbox it came to. */
  async mailboxAddress(tx: Reader, t: TicketEntity): Promise<string | null> {
    const source = await tx.get(SOURCES).findById(t.sourceId);
    const mb = this.config.mailboxes.mailboxes.find((x) => x.name === source?.name);
    if (!mb) return null;
    const address = mb.address ?? (mb.user.includes('@') ? mb.user : null);
    return address ? `${mb.name} <${address}>` : null;
  }
}
