import type { HubConfig } from '@hub/config';
import {
  ASSIGNMENTS,
  ClassificationSnapshot,
  DEADLINES,
  NewAssignment,
  NewDeadline,
  OUTBOX,
  OutgoingMail,
  RequesterEntity,
  TICKET_EVENTS,
  TicketChanges,
  TicketEntity,
  TICKETS,
  UnitEntity,
  UnitOfWork,
} from '@hub/database';
import { Actor, transition } from '@hub/domain';
import { dispatchNotice, queueLiaisonSms, type TicketFacts } from '@hub/notify';
import { mailSendJobs } from '@hub/queue';
import { TicketConflictError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { TicketFactsReader } from '../shared/ticket-facts';
import { liaisonAlert } from '../shared/unit-dispatcher';
import { triageContext } from './routing-steps';

/** One new ticket the router dispatches with others: classified in memory (category, region, urgency, classification set on `t`). */
export interface SetItem {
  t: TicketEntity;
  snapshot: ClassificationSnapshot;
  /** The lead unit; null: left in triage (待人工分拨) with `reason`, its 分拨 clock started. */
  unit: UnitEntity | null;
  assists: UnitEntity[];
  reason: string;
  /** The supervisors' alert of an urgent or sensitive one. */
  alert: OutgoingMail | null;
  source: string | null;
  requester: RequesterEntity | null;
}

/**
 * 交办 of a job's new tickets in one unit of work, as UnitDispatcher does it for one (the same
 * event, assignments, deadlines, dispatch notices and liaison SMS, and the supervisors' alert of
 * an urgent one), with each kind of row written
 * in one statement: routing an hourly export of thousands is bound by statements, not by the
 * database's work. Each ticket is still version-checked: one changed meanwhile (an operator, a
 * repeat merged into it, another job) rolls the whole set back with TicketConflictError (a
 * deadlock rolls it back too), and the caller routes its tickets one by one.
 */
export async function dispatchSet(
  uow: UnitOfWork,
  deps: { config: HubConfig; book: DeadlineBook; facts: TicketFactsReader; actor: Actor; now: Date },
  items: SetItem[],
): Promise<void> {
  const { book, facts, actor, now } = deps;
  // READ COMMITTED: the status trigger's update of the new tickets' assignments takes no gap locks
  // there, which parallel sets inserting assignments would otherwise deadlock on.
  await uow.run(
    async (tx) => {
      const tickets = tx.get(TICKETS);
      const events = [];
      const assignments: NewAssignment[] = [];
      const plans: Array<{ item: SetItem; facts: TicketFacts; unit: UnitEntity; role: 'lead' | 'assist'; deadlines: NewDeadline[]; replyDue: Date | null }> =
        [];
      const triage: NewDeadline[] = [];
      for (const item of items) {
        const { t, unit, assists } = item;
        if (!unit) {
          // As the one-by-one path leaves it: accepted, waiting for an operator, the 分拨 clock running from intake.
          const accepted = transition(t.status, { action: 'accept', actor, at: now, reason: item.reason });
          const changes: TicketChanges = {
            status: accepted.toStatus,
            classification: item.snapshot,
            category: t.category,
            region: t.region,
            urgency: t.urgency,
          };
          if (!(await tickets.updateIfVersion(t.id, t.version, changes))) throw new TicketConflictError(t.id);
          events.push({ ...accepted, ticketId: t.id, actor, at: now });
          const due = book.plan({
            ticketId: t.id,
            stage: 'dispatch',
            start: t.receivedAt,
            ctx: triageContext(t, item.source),
          });
          if (due) triage.push(due);
          continue;
        }
        const event = transition(t.status, {
          action: 'dispatch',
          actor,
          at: now,
          unitId: unit.id,
          assistUnitIds: assists.map((u) => u.id),
          reason: item.reason,
          data: { category: t.category, region: t.region },
        });
        const ctx = facts.policyContextOf(t, item.source);
        const seen = facts.factsOf(t, item.source, item.requester);
        let leadReply: Date | null = null;
        for (const [i, u] of [unit, ...assists].entries()) {
          const role = i === 0 ? 'lead' : 'assist';
          const { rows, reply } = book.planDispatch({ ticketId: t.id, unitId: u.id, role, start: now, ctx, externalDueAt: t.externalDueAt });
          if (role === 'lead') leadReply = reply?.dueAt ?? null;
          plans.push({ item, facts: seen, unit: u, role, deadlines: rows, replyDue: reply?.dueAt ?? null });
          assignments.push({ ticketId: t.id, unitId: u.id, role, status: 'active', dispatchedAt: now, extensionCount: 0 });
        }
        const changes: TicketChanges = {
          status: event.toStatus,
          classification: item.snapshot,
          category: t.category,
          region: t.region,
          urgency: t.urgency,
          leadUnitId: unit.id,
          disposition: 'dispatched',
          dispatchedAt: t.dispatchedAt ?? now,
          ...(leadReply ? { replyDueAt: leadReply } : {}),
        };
        if (!(await tickets.updateIfVersion(t.id, t.version, changes))) throw new TicketConflictError(t.id);
        events.push({
          ticketId: t.id,
          type: event.type,
          actor,
          at: now,
          reason: event.reason,
          data: event.data,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
        });
      }
      await tx.get(TICKET_EVENTS).recordMany(events);
      const added = await tx.get(ASSIGNMENTS).addMany(assignments);
      await tx.get(DEADLINES).addMany([...triage, ...plans.flatMap((p, i) => p.deadlines.map((d) => ({ ...d, assignmentId: added[i].id })))]);
      const alerts = items.map((item) => item.alert).filter((m): m is OutgoingMail => m !== null);
      const mails: OutgoingMail[] = plans.map((p, i) => ({
        dedupeKey: `dispatch-${added[i].id}`,
        kind: 'dispatch',
        to: [p.unit.email],
        ...dispatchNotice(p.facts, p.unit.name, p.role, p.replyDue, facts.link(p.item.t)),
        ticketId: p.item.t.id,
      }));
      // A set's notices go out in a few send jobs, not one a mail (the workers' time is for routing).
      const outboxIds = [...(await tx.get(OUTBOX).ensureMany([...alerts, ...mails])).values()];
      for (const job of mailSendJobs(outboxIds)) tx.enqueue('mail-send-many', job);
      for (const [i, p] of plans.entries()) {
        if (p.role !== 'lead' || p.item.t.urgency !== 'urgent') continue;
        await queueLiaisonSms(tx, deps.config, p.unit.name, liaisonAlert(p.facts), `alert-${added[i].id}`, p.item.t.id, now);
      }
    },
    { isolation: 'READ COMMITTED' },
  );
}
