import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { visibleTickets, visibleUnitIds } from '@hub/auth';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { SUPERVISION_ORDERS, SupervisionOrderEntity, SupervisionOrderFilter, TICKET_INBOX, TICKETS, UnitOfWork, UNITS } from '@hub/database';
import { addDays, businessDate, CLOCK, Clock, SUPERVISION_ORDER_STATUSES } from '@hub/domain';
import { orderView, parsePeriod, periodBounds, renderSupervisionReportXlsx, supervisionFigures, SupervisionOrderView } from '@hub/reporting';
import { TicketNotFoundError, ticketNumber } from '@hub/tickets';
import type { SessionUser } from '../auth/auth.decorators';

/** Everything a period's statistics read at most. */
const STATS_LIMIT = 100_000;

export interface OrderListQuery {
  status?: string[];
  ticketId?: number;
  from?: string;
  to?: string;
}

/** Reads 督办单 for the console: a unit user sees the orders addressed to its units only. */
@Injectable()
export class SupervisionQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A unit user's units, a scoped desk's sub-tree; undefined: every unit. */
  private scope(user: SessionUser): number[] | undefined {
    return visibleUnitIds(user) ?? undefined;
  }

  /** 404 for a ticket outside the user's scope (a scoped supervisor cannot order on another district's ticket). */
  async assertTicketsVisible(user: SessionUser, ticketIds: number[]): Promise<void> {
    const shown = new Set(await this.uow.read(TICKET_INBOX).visibleIds(ticketIds, visibleTickets(user)));
    const hidden = ticketIds.find((id) => !shown.has(id));
    if (hidden !== undefined) throw new TicketNotFoundError(String(hidden));
  }

  /** 404 for an order on a unit outside the user's scope. */
  async assertOrderVisible(user: SessionUser, orderId: number): Promise<void> {
    const units = this.scope(user);
    if (!units) return;
    const order = await this.uow.read(SUPERVISION_ORDERS).findById(orderId);
    if (order && !units.includes(order.unitId)) throw new NotFoundException(`找不到督办单 ${orderId}`);
  }

  /** Defaults: the last 30 days up to today (Beijing time). */
  period(from?: string, to?: string) {
    const end = to || businessDate(this.clock.now());
    return parsePeriod(from || addDays(end, -29), end);
  }

  async list(user: SessionUser, q: OrderListQuery) {
    const bounds = q.from || q.to ? periodBounds(this.period(q.from, q.to)) : null;
    const statuses = q.status?.filter((s) => (SUPERVISION_ORDER_STATUSES as readonly string[]).includes(s));
    const rows = await this.uow.read(SUPERVISION_ORDERS).list({
      unitIds: this.scope(user),
      statuses,
      ticketId: q.ticketId,
      from: bounds?.start,
      to: bounds?.end,
    });
    return { items: await this.views(rows) };
  }

  /** One order as the list shows it (after an action by this user). */
  async one(id: number) {
    const row = await this.uow.read(SUPERVISION_ORDERS).findById(id);
    return row ? (await this.views([row]))[0] : null;
  }

  async stats(user: SessionUser, from?: string, to?: string) {
    const p = this.period(from, to);
    const { start, end } = periodBounds(p);
    const rows = await this.uow.read(SUPERVISION_ORDERS).list({ unitIds: this.scope(user), from: start, to: end, limit: STATS_LIMIT });
    return { from: p.from, to: p.to, ...supervisionFigures(await this.views(rows), this.clock.now()) };
  }

  /** 通报: orders put on the list in the period, oldest first, with the counts of the orders issued in it. */
  async report(user: SessionUser, from?: string, to?: string) {
    const p = this.period(from, to);
    const { start, end } = periodBounds(p);
    const filter: SupervisionOrderFilter = { unitIds: this.scope(user), reportedFrom: start, reportedTo: end, limit: STATS_LIMIT };
    const items = (await this.views(await this.uow.read(SUPERVISION_ORDERS).list(filter))).sort(
      (a, b) => (a.reportedAt?.getTime() ?? 0) - (b.reportedAt?.getTime() ?? 0) || a.id - b.id,
    );
    return { from: p.from, to: p.to, items };
  }

  async reportXlsx(user: SessionUser, from?: string, to?: string): Promise<{ from: string; to: string; file: Buffer }> {
    const report = await this.report(user, from, to);
    const { start, end } = periodBounds(report);
    const issued = await this.views(await this.uow.read(SUPERVISION_ORDERS).list({ unitIds: this.scope(user), from: start, to: end, limit: STATS_LIMIT }));
    const figures = supervisionFigures(issued, this.clock.now());
    return { from: report.from, to: report.to, file: await renderSupervisionReportXlsx({ ...report, reported: report.items, figures }) };
  }

  private async views(rows: SupervisionOrderEntity[]): Promise<SupervisionOrderView[]> {
    const tickets = new Map<number, { number: string; title: string }>();
    for (const id of new Set(rows.map((o) => o.ticketId))) {
      const t = await this.uow.read(TICKETS).findById(id);
      if (t) tickets.set(id, { number: ticketNumber(this.config.env.ticketPrefix, t), title: t.subject || t.category || '（无标题）' });
    }
    const units = new Map((await this.uow.read(UNITS).findByIds([...new Set(rows.map((o) => o.unitId))])).map((u) => [u.id, u.name]));
    return rows.map((o) => orderView(o, tickets.get(o.ticketId) ?? { number: String(o.ticketId), title: '' }, units.get(o.unitId) ?? String(o.unitId)));
  }
}
