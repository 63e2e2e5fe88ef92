import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { TASK_KINDS, TASK_STATUSES, TaskKind, TaskStatus } from '@hub/domain';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { accountThrottleKeys, visibleTickets } from '@hub/auth';
import { ADMIN_VIEWS, AUDIT_LOG, HEALTH, LOGIN_THROTTLES, ROUTING_RULES, UnitOfWork, USERS } from '@hub/database';
import { ticketNumber } from '@hub/tickets';
import type { SessionUser } from '../auth/auth.decorators';

/** Page n (from 1) of `take` rows; anything but a whole number from 1 (`abc`, `1e309`, given twice) is a 400. */
const pageOf = (page: unknown, take: number) => {
  if (typeof page !== 'string' || !/^\d{1,6}$/.test(page) || Number(page) < 1)
    throw new BadRequestException(`查询参数 page 无效：须为从 1 起的整数（page must be a whole number from 1）`);
  return { take, skip: (Number(page) - 1) * take };
};

/** What the admin and operator pages list: reads only, shaped as the console shows them. */
@Injectable()
export class AdminQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  private get views() {
    return this.uow.read(ADMIN_VIEWS);
  }

  intakeItems(status: string, page: string) {
    return this.views.intakeItems(status === 'all' ? null : status, pageOf(page, 50));
  }

  async mailboxes() {
    const states = await this.uow.read(HEALTH).mailboxStates();
    return this.config.mailboxes.mailboxes.map((m) => ({
      name: m.name,
      host: m.host,
      port: m.port,
      user: m.user,
      folder: m.folder,
      idle: m.idle,
      pollIntervalSeconds: m.pollIntervalSeconds,
      state: states.find((s) => s.mailbox === m.name) ?? null,
    }));
  }

  async imports() {
    const rows = await this.views.recentImports(100);
    return { sources: this.config.sources.sources.map((s) => ({ name: s.name, watch: s.watch ?? null, line: s.line ?? null })), imports: rows };
  }

  importFile(importId: number) {
    return this.views.importFile(importId);
  }

  /** Accounts, each with its login pause (from anywhere or from one address, whichever ends last) and failures counted. */
  async users() {
    const users = await this.uow.read(USERS).list();
    const paused = await this.uow.read(LOGIN_THROTTLES).blocked(new Date(), 1000);
    return users.map(({ passwordHash: _h, ...u }) => {
      const { keys, prefixes } = accountThrottleKeys(u.username);
      const mine = paused.filter((t) => keys.includes(t.throttleKey) || prefixes.some((p) => t.throttleKey.startsWith(p)));
      const until = Math.max(0, ...mine.map((t) => t.blockedUntil?.getTime() ?? 0));
      return { ...u, failedLogins: Math.max(0, ...mine.map((t) => t.failures)), lockedUntil: until ? new Date(until) : null };
    });
  }

  rules() {
    return this.uow.read(ROUTING_RULES).listByPriority();
  }

  outbox(status: string) {
    return this.views.outbox(status === 'all' ? null : status, 100);
  }

  audit(page: string) {
    const { take, skip } = pageOf(page, 100);
    return this.uow.read(AUDIT_LOG).page(take, skip);
  }

  async clusters() {
    const rows = await this.views.clusters(100);
    const tickets = rows.length ? await this.views.ticketsOfClusters(rows.map((r) => r.id)) : [];
    return rows.map((c) => ({
      ...c,
      tickets: tickets.filter((t) => t.clusterId === c.id).map((t) => ({ id: t.id, number: ticketNumber(this.config.env.ticketPrefix, t), status: t.status })),
    }));
  }

  /** Follow-up (回访) and call-back tasks, with a line of their ticket. */
  /** A scoped desk's tasks are those on tickets in its scope. */
  async tasks(user: SessionUser, kind: string | undefined, status: string) {
    if (kind && !(TASK_KINDS as readonly string[]).includes(kind)) throw new BadRequestException(`kind 须为 ${TASK_KINDS.join('、')} 之一`);
    if (status !== 'all' && !(TASK_STATUSES as readonly string[]).includes(status))
      throw new BadRequestException(`status 须为 ${TASK_STATUSES.join('、')} 或 all`);
    // The scope is applied in the query, before the 200-row limit: a district's tasks are not crowded out by others'.
    const rows = await this.views.tasks((kind as TaskKind) || null, status === 'all' ? null : (status as TaskStatus), 200, visibleTickets(user));
    const tickets = rows.length ? await this.views.tickets(rows.map((r) => r.ticketId)) : [];
    return rows.map((r) => {
      const t = tickets.find((x) => x.id === r.ticketId);
      return {
        ...r,
        ticket: t
          ? { id: t.id, number: ticketNumber(this.config.env.ticketPrefix, t), status: t.status, summary: t.text.slice(0, 80), channel: t.channel }
          : null,
      };
    });
  }
}
