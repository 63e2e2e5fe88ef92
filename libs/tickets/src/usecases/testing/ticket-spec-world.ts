import { resolve } from 'path';
import { HubConfig, loadConfig, PolicyRuleConfig } from '@hub/config';
import {
  ASSIGNMENTS,
  CLUSTERS,
  SMS_OUTBOX,
  SURVEY_LINKS,
  TICKET_LOOKUP,
  InMemoryTicketLookupRepository,
  InMemorySmsOutboxRepository,
  InMemorySurveyLinkRepository,
  DEADLINES,
  InMemoryAssignmentRepository,
  InMemoryClusterRepository,
  InMemoryDeadlineRepository,
  InMemoryOutboxRepository,
  InMemoryRequesterRepository,
  InMemoryRoutingRuleRepository,
  InMemorySourceRepository,
  InMemorySupervisionOrderRepository,
  InMemoryTaskRepository,
  InMemoryTicketEventRepository,
  InMemoryTicketRepository,
  InMemoryTrainingExampleRepository,
  InMemoryUnitOfWork,
  InMemoryUnitRepository,
  OUTBOX,
  REQUESTERS,
  ROUTING_RULES,
  SOURCES,
  SUPERVISION_ORDERS,
  TASKS,
  TICKET_EVENTS,
  TicketEntity,
  TICKETS,
  TRAINING_EXAMPLES,
  UNITS,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import type { Actor, Clock } from '@hub/domain';
import { buildTicketUseCases } from '../build-ticket-use-cases';
import type { ClassifierSource } from '../route-new-tickets/classifier-source';

const SHIPPED_CONFIG = resolve(__dirname, '../../../../../config');
let shippedConfig: HubConfig | null = null;
let shippedPolicies: ReturnType<typeof loadDeadlinePolicies> | null = null;

/** A clock the spec moves by hand, in Beijing time (`2026-03-02 09:00`). */
export class SpecClock implements Clock {
  private t: Date;
  constructor(beijing: string) {
    this.t = SpecClock.at(beijing);
  }
  static at(beijing: string): Date {
    return new Date(`${beijing.replace(' ', 'T')}:00+08:00`);
  }
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(beijing: string): void {
    this.t = SpecClock.at(beijing);
  }
}

export type NewSpecTicket = Partial<TicketEntity> & { requester?: { name?: string; phone?: string; email?: string; idNumber?: string; address?: string } };

export const OPERATOR: Actor = { kind: 'user', id: 1, name: '话务员' };
export const unitActor = (name: string): Actor => ({ kind: 'unit', id: null, name });

/**
 * The shipped demo city (青禾市: its units, taxonomy and time-limit policies) over in-memory
 * repositories: what a use-case spec acts on and looks at, no database.
 */
export function ticketSpecWorld(opts: { now?: string; classifiers?: ClassifierSource; extraRules?: PolicyRuleConfig[] } = {}) {
  shippedConfig ??= loadConfig({ HUB_CONFIG_DIR: SHIPPED_CONFIG });
  shippedPolicies ??= loadDeadlinePolicies(shippedConfig);
  // Mailboxes are the one thing a spec configures (the answer's From).
  const config: HubConfig = { ...shippedConfig, mailboxes: { ...shippedConfig.mailboxes, mailboxes: [...shippedConfig.mailboxes.mailboxes] } };
  // A spec may add policy rules (e.g. 办结审核 for one mailbox) after the shipped ones.
  if (opts.extraRules) config.policies = { ...config.policies, rules: [...config.policies.rules, ...opts.extraRules] } as HubConfig['policies'];
  const planner = opts.extraRules ? loadDeadlinePolicies(config) : shippedPolicies;
  const clock = new SpecClock(opts.now ?? '2026-03-02 09:00'); // a Monday
  const repos = {
    tickets: new InMemoryTicketRepository(),
    assignments: new InMemoryAssignmentRepository(),
    deadlines: new InMemoryDeadlineRepository(),
    tasks: new InMemoryTaskRepository(),
    units: new InMemoryUnitRepository(),
    sources: new InMemorySourceRepository(),
    requesters: new InMemoryRequesterRepository(),
    examples: new InMemoryTrainingExampleRepository(),
    rules: new InMemoryRoutingRuleRepository(),
    clusters: new InMemoryClusterRepository(),
    sms: new InMemorySmsOutboxRepository(),
    orders: new InMemorySupervisionOrderRepository(),
    surveyLinks: new InMemorySurveyLinkRepository(),
  };
  const uow = new InMemoryUnitOfWork([
    [TICKETS, repos.tickets],
    [ASSIGNMENTS, repos.assignments],
    [DEADLINES, repos.deadlines],
    [TASKS, repos.tasks],
    [UNITS, repos.units],
    [SOURCES, repos.sources],
    [REQUESTERS, repos.requesters],
    [TRAINING_EXAMPLES, repos.examples],
    [ROUTING_RULES, repos.rules],
    [CLUSTERS, repos.clusters],
    [SMS_OUTBOX, repos.sms],
    [SUPERVISION_ORDERS, repos.orders],
    [SURVEY_LINKS, repos.surveyLinks],
    [TICKET_LOOKUP, new InMemoryTicketLookupRepository(repos.tickets)],
  ]);
  const created = new Date('2026-01-01T00:00:00Z');
  const addUnitParent = (name: string, parent: string) => {
    const [u] = repos.units.table.where((x) => x.name === name);
    const [p] = repos.units.table.where((x) => x.name === parent);
    repos.units.table.update(u.id, { parentId: p.id });
  };
  const addUnit = (u: {
    name: string;
    kind?: 'department' | 'government' | 'utility';
    region?: string;
    email: string;
    tier?: string;
    desk?: boolean;
    parent?: string;
  }) =>
    repos.units.table.insert({
      name: u.name,
      kind: u.kind ?? 'department',
      region: u.region ?? null,
      email: u.email,
      active: true,
      tier: u.tier ?? null,
      desk: Boolean(u.desk),
      regions: null,
      parentId: u.parent ? (repos.units.table.where((x) => x.name === u.parent)[0]?.id ?? null) : null,
      createdAt: created,
    });
  for (const u of config.units.units) addUnit({ ...u, parent: undefined });
  for (const u of config.units.units) if (u.parent) addUnitParent(u.name, u.parent);
  const hotline = repos.sources.table.insert({ name: '市长公开电话', channel: 'hotline', active: true, createdAt: created });
  const mailbox = repos.sources.table.insert({ name: '市长信箱', channel: 'mailbox', active: true, createdAt: created });
  const classifiers = opts.classifiers ?? {
    get: () => {
      throw new Error('this spec routes nothing');
    },
  };

  const world = {
    config,
    clock,
    uow,
    repos,
    sources: { hotline, mailbox },
    useCases: buildTicketUseCases({ uow, config, planner, clock, classifiers }),
    /** A unit beside the shipped ones (a street office, a community), under `parent` if given. */
    addUnit,
    unit(name: string) {
      const u = repos.units.table.where((x) => x.name === name)[0];
      if (!u) throw new Error(`no unit ${name} in units.yaml`);
      return u;
    },
    /** A new ticket as intake leaves it (`received`), a call by default. */
    addTicket(t: NewSpecTicket = {}): TicketEntity {
      const { requester, ...fields } = t;
      const r = requester
        ? repos.requesters.table.insert({
            name: requester.name ?? null,
            phone: requester.phone ?? null,
            email: requester.email ?? null,
            idNumber: requester.idNumber ?? null,
            address: requester.address ?? null,
            originTicketId: null,
            createdAt: clock.now(),
          })
        : null;
      const channel = fields.channel ?? 'hotline';
      return repos.tickets.table.insert({
        sourceId: channel === 'hotline' ? hotline.id : mailbox.id,
        channel,
        externalId: null,
        externalDueAt: null,
        status: 'received',
        subject: null,
        text: '来电反映东湖区桃园小区门口占道经营，影响通行。',
        address: null,
        receivedAt: clock.now(),
        category: null,
        region: null,
        urgency: 'normal',
        disposition: null,
        leadUnitId: null,
        deskUnitId: null,
        leaderId: null,
        requesterId: r?.id ?? null,
        confidential: false,
        mergedIntoId: null,
        clusterId: null,
        repeatCount: 0,
        classification: null,
        dispatchedAt: null,
        acknowledgedAt: null,
        repliedAt: null,
        replyDueAt: null,
        surveyedAt: null,
        closedAt: null,
        outcome: null,
        rating: null,
        returnCount: 0,
        extensionCount: 0,
        reopenCount: 0,
        imported: false,
        messageId: null,
        lookupCodeHash: null,
        cityUnitId: null,
        numberPrefix: null,
        formerNumber: null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
        version: 1,
        ...fields,
      });
    },
    ticket(id: number): TicketEntity {
      return repos.tickets.table.get(id) as TicketEntity;
    },
    events(ticketId: number) {
      return (uow.read(TICKET_EVENTS) as InMemoryTicketEventRepository).table.where((e) => e.ticketId === ticketId);
    },
    mails() {
      return (uow.read(OUTBOX) as InMemoryOutboxRepository).table.all();
    },
    deadlines(ticketId: number) {
      return repos.deadlines.table.where((d) => d.ticketId === ticketId);
    },
    openDeadline(ticketId: number, stage: string) {
      return repos.deadlines.table.where((d) => d.ticketId === ticketId && d.stage === stage && d.status === 'open')[0];
    },
    assignments(ticketId: number) {
      return repos.assignments.table.where((a) => a.ticketId === ticketId);
    },
  };

  /** The ticket dispatched to a unit (by the operator), as the next step of a spec starts from. */
  async function dispatched(unitName = '东湖区城市管理局', t: NewSpecTicket = {}) {
    const ticket = world.addTicket(t);
    await world.useCases.dispatchTicket.execute({ ticketId: ticket.id, unitId: world.unit(unitName).id, category: '城市管理/占道经营', actor: OPERATOR });
    return world.ticket(ticket.id);
  }
  /** …and acknowledged by it. */
  async function acknowledged(unitName = '东湖区城市管理局', t: NewSpecTicket = {}) {
    const ticket = await dispatched(unitName, t);
    await world.useCases.acknowledgeTicket.execute({ ticketId: ticket.id, unitId: world.unit(unitName).id, actor: unitActor(unitName) });
    return world.ticket(ticket.id);
  }
  /** …and replied to. */
  async function replied(unitName = '东湖区城市管理局', t: NewSpecTicket = {}) {
    const ticket = await acknowledged(unitName, t);
    await world.useCases.replyTicket.execute({
      ticketId: ticket.id,
      unitId: world.unit(unitName).id,
      outcome: 'resolved',
      text: '已清理占道摊点。',
      actor: unitActor(unitName),
    });
    return world.ticket(ticket.id);
  }

  return { ...world, dispatched, acknowledged, replied };
}
export type TicketSpecWorld = ReturnType<typeof ticketSpecWorld>;
