import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { ASSIGNMENTS, DEADLINES, TicketEntity, TICKETS, UnitOfWork } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { dispatchNotice, factsForUnit, queueLiaisonSms, type TicketFacts, urgentAlertSms } from '@hub/notify';
import { ActionRefusedError } from '../../ticket-errors';
import type { UnitChoiceCommand } from './command-fields';
import { DeadlineBook } from './deadline-book';
import { activeUnits } from './holder';
import { OperatorExamples } from './operator-examples';
import { TicketFactsReader } from './ticket-facts';
import { runTransition } from './transition-runner';

/** An urgent ticket also reaches its lead unit's liaison officer (联络员) by SMS at once, quiet hours or not. */
export function liaisonAlert(facts: TicketFacts) {
  const seen = factsForUnit(facts);
  return urgentAlertSms({ number: facts.number, summary: seen.subject || seen.text });
}

/**
 * 交办 and 改派 alike: the ticket goes to the lead unit and the assisting units, each gets an
 * assignment, its deadlines and a dispatch notice; an operator's choice is a training example.
 */
@Injectable()
export class UnitDispatcher {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly examples: OperatorExamples,
  ) {}

  async send(action: 'dispatch' | 'reassign', cmd: UnitChoiceCommand): Promise<TicketEntity> {
    this.checkKnown(cmd);
    const { ticketId, actor } = cmd;
    const now = this.clock.now();
    const assist = [...new Set(cmd.assistUnitIds ?? [])];
    const scope = cmd.scopeUnitIds;
    const outside = scope ? [cmd.unitId, ...assist].filter((id) => !scope.includes(id)) : [];
    if (outside.length) throw new ActionRefusedError(`单位 ${outside.join('、')} 不在本级下辖范围内，只能交办给本级及下辖单位`);
    const sent = await runTransition(
      this.uow,
      ticketId,
      (t) => ({
        action,
        actor,
        at: now,
        unitId: cmd.unitId,
        assistUnitIds: assist,
        reason: cmd.reason ?? null,
        data: { category: cmd.category ?? t.category, region: cmd.region ?? t.region },
      }),
      async ({ tx, ticket, event }) => {
        const units = await activeUnits(tx, [cmd.unitId, ...assist]);
        const assignments = tx.get(ASSIGNMENTS);
        if (event.type === 'reassign') {
          for (const a of await assignments.listInStatus(ticketId, ['active', 'returned'])) {
            if (a.status === 'active') a.status = 'reassigned';
            await assignments.save(a);
            await this.book.cancel(tx, { assignmentId: a.id }, now);
          }
        }
        await this.book.meet(tx, { ticketId, stages: ['dispatch'] }, now);
        const facts = await this.facts.facts(tx, ticket);
        const ctx = await this.facts.policyContext(tx, ticket);
        for (const [i, unit] of units.entries()) {
          const role = i === 0 ? 'lead' : 'assist';
          const a = await assignments.add({ ticketId, unitId: unit.id, role, status: 'active', dispatchedAt: now, extensionCount: 0 });
          const { rows, reply } = this.book.planDispatch({ ticketId, unitId: unit.id, role, start: now, ctx, externalDueAt: ticket.externalDueAt });
          await tx.get(DEADLINES).addMany(rows.map((d) => ({ ...d, assignmentId: a.id })));
          if (role === 'lead' && reply) await tx.get(TICKETS).update(ticketId, { replyDueAt: reply.dueAt });
          const notice = dispatchNotice(facts, unit.name, role, reply?.dueAt ?? null, this.facts.link(ticket));
          await tx.mail({ dedupeKey: `dispatch-${a.id}`, kind: 'dispatch', to: [unit.email], ...notice, ticketId });
          if (role === 'lead' && ticket.urgency === 'urgent') {
            await queueLiaisonSms(tx, this.config, unit.name, liaisonAlert(facts), `alert-${a.id}`, ticketId, now);
          }
        }
        if (actor.kind === 'user') await this.examples.record(tx, ticket, units[0].name, 'dispatch');
      },
      (t) => ({
        leadUnitId: cmd.unitId,
        disposition: 'dispatched',
        dispatchedAt: t.dispatchedAt ?? now,
        category: cmd.category ?? t.category,
        region: cmd.region ?? t.region,
        urgency: cmd.urgency ?? t.urgency,
      }),
    );
    // The reply deadline was written while the deadlines were opened: answer with it.
    return (await this.uow.read(TICKETS).findById(ticketId)) ?? sent.ticket;
  }

  /**
   * A category or region set while dispatching must be one the city configured: a typed one (a
   * typo, 火星区) would be counted in 按分类/按区域 statistics and hot topics as a line of its own.
   */
  private checkKnown(cmd: { category?: string | null; region?: string | null }): void {
    if (cmd.category != null && !this.config.taxonomy.categories.some((c) => c.path === cmd.category)) {
      throw new ActionRefusedError(`category ${cmd.category} is not in taxonomy.yaml; choose one of its categories (一级/二级)`);
    }
    if (cmd.region != null && !this.config.regions.regions.some((r) => r.name === cmd.region)) {
      throw new ActionRefusedError(`region ${cmd.region} is not in regions.yaml; choose one of ${this.config.regions.regions.map((r) => r.name).join(', ')}`);
    }
  }
}
