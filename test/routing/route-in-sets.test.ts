/**
 * An export's tickets are routed 25 to a job, the confident ones dispatched together in one unit
 * of work (set-router.ts, dispatch-set.ts). What a unit, a supervisor and a citizen then see must
 * be exactly what routing the same tickets one at a time leaves: the same statuses, units,
 * repeats merged, clusters, timelines, deadlines and reminders, mails and SMS.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { ensureModel } from '@hub/classification';
import { type HubConfig, loadConfig } from '@hub/config';
import {
  AssignmentEntity,
  DeadlineEntity,
  ensureSource,
  OutgoingMailEntity,
  OutgoingSmsEntity,
  TicketEntity,
  TicketEventEntity,
  TypeOrmUnitOfWork,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { CLASSIFY_BATCH, RecordingJobProducer } from '@hub/queue';
import { ActiveModelClassifierSource, buildTicketUseCases } from '@hub/tickets';
import { createTicket } from '@hub/testing';
import { beijingTime, DIALECTS, StepClock, useDialectHub } from '../support/dialect-hub';

const ROOT = join(__dirname, '..', '..');

/** A morning's calls: the shipped training texts, callers who call again, a few about one place and matter (a cluster), urgent ones. */
function calls(): Array<{ text: string; phone: string; at: Date; urgent: boolean }> {
  const dir = join(ROOT, 'config', 'training');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const start = beijingTime('2026-03-04 08:00').getTime();
  const out: Array<{ text: string; phone: string; at: Date; urgent: boolean }> = [];
  for (let i = 0; i < 110; i++) {
    const at = new Date(start + i * 20_000);
    const urgent = i % 17 === 0;
    // The same caller again about the same matter, within the same job or the next.
    if (i % 9 === 5) out.push({ ...out[i - 4], at, urgent });
    // One place and matter, many callers.
    else if (i % 11 === 3)
      out.push({ text: `南港区港湾新城${i}号楼下的垃圾站好几天没人清运，臭味很大，请尽快处理。`, phone: `1390000${String(i).padStart(4, '0')}`, at, urgent });
    else out.push({ text: texts[(i * 37) % texts.length], phone: `1390000${String(i).padStart(4, '0')}`, at, urgent });
  }
  return out;
}

/** One model for every hub here, trained once (the shipped examples, as a worker has them). */
let model: ActiveModelClassifierSource | undefined;
const classifiers = () =>
  (model ??= new ActiveModelClassifierSource(loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'routesets-model-')) }), ensureModel));

describe.each(DIALECTS)('routing an export in sets (%s)', (dialect) => {
  const inSets = useDialectHub(dialect, 'routesets');
  const oneByOne = useDialectHub(dialect, 'routeones');
  const clock = new StepClock();

  async function route(hub: { ds: DataSource; config: HubConfig }, jobs: (ids: number[]) => number[][]) {
    clock.set('2026-03-04 10:00');
    const source = (await ensureSource(hub.ds, '12345', 'hotline')).id;
    const ids: number[] = [];
    for (const c of calls()) {
      const t = await hub.ds.transaction((m) =>
        createTicket(m, {
          sourceId: source,
          channel: 'hotline',
          text: c.text,
          receivedAt: c.at,
          urgency: c.urgent ? 'urgent' : 'normal',
          requester: { name: '市民', phone: c.phone },
        }),
      );
      ids.push(t.id);
    }
    const producer = new RecordingJobProducer();
    const actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(hub.ds, producer),
      config: hub.config,
      planner: loadDeadlinePolicies(hub.config),
      clock,
      classifiers: classifiers(),
    });
    const results: Record<string, number> = {};
    for (const job of jobs(ids)) for (const o of await actions.routeNewTickets.execute({ ticketIds: job })) results[o.result] = (results[o.result] ?? 0) + 1;
    return { results, sends: sendJobs(producer.jobs) };
  }

  /** The mails these jobs send, and how many send jobs there were. */
  function sendJobs(jobs: RecordingJobProducer['jobs']) {
    const named: number[] = [];
    let count = 0;
    for (const j of jobs) {
      if (j.name === 'mail-send') named.push((j.payload as { outboxId: number }).outboxId);
      else if (j.name === 'mail-send-many') named.push(...(j.payload as { outboxIds: number[] }).outboxIds);
      else continue;
      count++;
    }
    return { named: named.sort((p, q) => p - q), count };
  }

  /** Everything routing left, keyed by ticket, without row ids and write times (which differ between any two runs). */
  async function seen(ds: DataSource) {
    const strip = <T extends object>(rows: T[], drop: string[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'createdAt', 'updatedAt', 'version', ...drop].includes(k))));
    const by = <T extends object>(rows: T[]) => {
      const key = (r: T) => Number((r as { ticketId?: number | null }).ticketId ?? 0);
      return [...rows].sort((a, b) => key(a) - key(b));
    };
    const tickets = await ds.getRepository(TicketEntity).find({ order: { id: 'ASC' } });
    const events = await ds.getRepository(TicketEventEntity).find({ order: { id: 'ASC' } });
    const assignments = await ds.getRepository(AssignmentEntity).find({ order: { id: 'ASC' } });
    const deadlines = await ds.getRepository(DeadlineEntity).find({ order: { id: 'ASC' } });
    const mails = await ds.getRepository(OutgoingMailEntity).find({ order: { id: 'ASC' } });
    const sms = await ds.getRepository(OutgoingSmsEntity).find({ order: { id: 'ASC' } });
    const assignmentUnit = new Map(assignments.map((a) => [a.id, `${a.ticketId}/${a.unitId}/${a.role}`]));
    // Clusters as the groups of tickets they hold (cluster ids are the database's).
    const groups = new Map<number, number[]>();
    for (const t of tickets) if (t.clusterId) groups.set(t.clusterId, [...(groups.get(t.clusterId) ?? []), t.id]);
    return {
      tickets: strip(tickets, ['clusterId', 'searchText']),
      clusters: [...groups.values()].map((g) => g.join(',')).sort(),
      events: by(strip(events, [])),
      assignments: by(strip(assignments, [])),
      deadlines: by(strip(deadlines, ['assignmentId'])).map((d, i) => ({ ...d, assignment: assignmentUnit.get(by(deadlines)[i].assignmentId as number) })),
      // A ticket's mails in any order (they are sent at the same moment).
      mails: strip(mails, ['dedupeKey', 'nextAttemptAt']).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      sms: by(strip(sms, ['dedupeKey', 'nextAttemptAt'])),
    };
  }

  it('leaves what routing them one at a time leaves: statuses, units, repeats, clusters, timelines, deadlines, mails and SMS', async () => {
    const jobs = (ids: number[]) =>
      Array.from({ length: Math.ceil(ids.length / CLASSIFY_BATCH) }, (_, i) => ids.slice(i * CLASSIFY_BATCH, (i + 1) * CLASSIFY_BATCH));
    const { results: a, sends } = await route(inSets, jobs);
    const { results: b } = await route(oneByOne, (ids) => ids.map((id) => [id]));
    expect(a).toEqual(b);
    // The morning has every kind of outcome the comparison must cover.
    expect(a.dispatched).toBeGreaterThan(50);
    expect(a.merged).toBeGreaterThan(3);
    expect(a.triage).toBeGreaterThan(3);
    const [x, y] = [await seen(inSets.ds), await seen(oneByOne.ds)];
    expect(x.clusters.length).toBeGreaterThan(0);
    expect(x.sms.length).toBeGreaterThan(0);
    expect(x.tickets).toEqual(y.tickets);
    expect(x.clusters).toEqual(y.clusters);
    expect(x.events).toEqual(y.events);
    expect(x.assignments).toEqual(y.assignments);
    expect(x.deadlines).toEqual(y.deadlines);
    expect(x.mails).toEqual(y.mails);
    expect(x.sms).toEqual(y.sms);
    // Every mail is named by exactly one send job, and a set's mails share a few jobs (one a mail
    // kept the workers sending instead of routing).
    const mailIds = (await inSets.ds.getRepository(OutgoingMailEntity).find({ select: { id: true }, order: { id: 'ASC' } })).map((m) => m.id);
    expect(sends.named).toEqual(mailIds);
    expect(sends.count).toBeLessThan(mailIds.length / 4);
  }, 300_000);
});
