import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { visibleTickets } from '@hub/auth';
import { ADMIN_VIEWS, ASSIGNMENTS, REQUESTERS, TICKET_INBOX, TICKET_SEARCH, UnitOfWork, UNITS } from '@hub/database';
import { normalizePhone, OPEN_STATUSES, STATUS_LABELS, TicketStatus } from '@hub/domain';
import { ticketNumber } from '@hub/tickets';
import type { SessionUser } from '../auth/auth.decorators';
import { TicketQueryService } from '../tickets/ticket-query.service';

/** How many earlier calls the desk is shown: the recent ones matter on the line. */
const HISTORY_SIZE = 20;

/**
 * 此号码历史来电: the caller's tickets by the requester's phone (normalised digits, indexed), newest
 * first, with status and unit, and whether one can take this call as a repeat (并单: open tickets only).
 */
@Injectable()
export class CallerHistoryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketQueryService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** History of a number as typed at intake (any writing). */
  async ofPhone(user: SessionUser, raw: string) {
    const phone = normalizePhone(raw);
    if (!phone || phone.length < 7) return { phone: null, items: [] };
    return { phone, items: await this.items(user, phone, null) };
  }

  /** History of the caller of a ticket, that ticket left out. */
  async ofTicket(user: SessionUser, id: number) {
    const t = await this.tickets.visible(user, id);
    const requester = t.requesterId ? await this.uow.read(REQUESTERS).findById(t.requesterId) : null;
    if (!requester?.phone) return { phone: null, items: [] };
    return { phone: requester.phone, items: await this.items(user, requester.phone, id) };
  }

  /** A scoped desk hears of the caller's tickets in its scope only. */
  private async items(user: SessionUser, phone: string, except: number | null) {
    const found = (await this.uow.read(TICKET_SEARCH).withPhone(phone, HISTORY_SIZE + 1)).filter((id) => id !== except).slice(0, HISTORY_SIZE);
    const ids = await this.uow.read(TICKET_INBOX).visibleIds(found, visibleTickets(user));
    if (!ids.length) return [];
    const [rows, units, assignments] = await Promise.all([
      this.uow.read(ADMIN_VIEWS).tickets(ids),
      this.uow.read(UNITS).listAll(),
      this.uow.read(ASSIGNMENTS).listForTickets(ids),
    ]);
    const unitOf = (ticketId: number, leadUnitId: number | null) => {
      const uid = leadUnitId ?? assignments.filter((a) => a.ticketId === ticketId && a.role === 'lead').sort((a, b) => b.id - a.id)[0]?.unitId;
      return units.find((u) => u.id === uid)?.name ?? null;
    };
    return ids
      .map((id) => rows.find((r) => r.id === id))
      .filter((t) => t !== undefined)
      .map((t) => ({
        id: t.id,
        number: ticketNumber(this.config.env.ticketPrefix, t),
        status: t.status,
        statusLabel: STATUS_LABELS[t.status as TicketStatus],
        receivedAt: t.receivedAt,
        category: t.category,
        unit: unitOf(t.id, t.leadUnitId),
        summary: t.text.slice(0, 80),
        mergeable: OPEN_STATUSES.includes(t.status as TicketStatus) && t.id !== except,
      }));
  }
}
