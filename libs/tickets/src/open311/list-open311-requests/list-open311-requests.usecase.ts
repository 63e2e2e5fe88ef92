import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { OPEN311_REQUESTS, type Open311Row, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock, findTicketNumber, formatTicketNumber, open311Status, PUBLIC_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from '@hub/domain';
import { OPEN311_SOURCE_PREFIX, open311Services, open311Time, parseOpen311Address, serviceCodeOf } from '../open311-services';
import { ListOpen311RequestsCommand } from './list-open311-requests.command';

/** A service request as GeoReport v2 writes it. */
export interface Open311Request {
  service_request_id: string;
  token: string | null;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number | null;
  long: number | null;
  media_url: string;
}

const DEFAULT_SPAN_MS = 90 * 86_400_000;

/**
 * GET requests, requests/{id} and tokens/{token}: requests civic apps filed (other tickets are not
 * Open311's to show), newest first, at most 1,000, by default those of the last 90 days.
 * Nothing about the requester; a confidential ticket's description is left out.
 */
@Injectable()
export class ListOpen311RequestsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ListOpen311RequestsCommand): Promise<Open311Request[]> {
    const c = validateCommand(ListOpen311RequestsCommand, input);
    const byKey = Boolean(c.numbers || c.tokens);
    const to = c.to ?? (byKey ? undefined : this.clock.now());
    const from = c.from ?? (byKey || !to ? undefined : new Date(to.getTime() - DEFAULT_SPAN_MS));
    const ids = c.numbers?.map((n) => this.idOf(n)).filter((id): id is number => id !== null);
    const services = c.serviceCode ? open311Services(this.config).filter((s) => s.service_code === c.serviceCode) : undefined;
    if (services && !services.length) return [];
    const statuses = c.status ? TICKET_STATUSES.filter((s) => open311Status(s) === c.status) : undefined;
    const rows = await this.uow.read(OPEN311_REQUESTS).find({
      sourcePrefix: OPEN311_SOURCE_PREFIX,
      ids,
      externalIds: c.tokens,
      services: services?.map((s) => s.path),
      from,
      to,
      statuses: statuses ? [...statuses] : undefined,
      limit: c.limit ?? 1000,
    });
    // A number is only its ticket's with the right date in it.
    return rows
      .map((r) => this.request(r))
      .filter((r) => !c.numbers || c.numbers.some((n) => findTicketNumber(this.config.env.ticketPrefix, n) === r.service_request_id));
  }

  private idOf(number: string): number | null {
    const n = findTicketNumber(this.config.env.ticketPrefix, number);
    const id = n ? Number(n.slice(n.lastIndexOf('-') + 1)) : NaN;
    return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
  }

  private request(r: Open311Row): Open311Request {
    const path = r.category ?? r.subject ?? '';
    const service = open311Services(this.config).find((s) => s.path === path);
    const where = parseOpen311Address(r.address);
    const status = r.status as TicketStatus;
    const notes = PUBLIC_STATUS_LABELS[status] ?? status;
    return {
      service_request_id: formatTicketNumber(this.config.env.ticketPrefix, r.receivedAt, r.id),
      token: r.externalId,
      status: open311Status(status),
      status_notes: r.reply ? `${notes}：${r.reply}` : notes,
      service_name: service?.service_name ?? path,
      service_code: service?.service_code ?? (path ? serviceCodeOf(path) : ''),
      description: r.confidential ? '' : r.text,
      agency_responsible: r.unit ?? '',
      service_notice: '',
      requested_datetime: open311Time(r.receivedAt),
      updated_datetime: open311Time(r.updatedAt),
      expected_datetime: null,
      address: where.address,
      address_id: '',
      zipcode: '',
      lat: where.lat,
      long: where.long,
      media_url: '',
    };
  }
}
