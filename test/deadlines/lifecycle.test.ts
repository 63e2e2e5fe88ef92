import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Worker } from 'bullmq';
import type { RedisClient } from '@hub/queue';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig, PoliciesFile } from '@hub/config';
import {
  DeadlineEntity,
  ensureSource,
  openDatabase,
  OutgoingMailEntity,
  ReminderEntity,
  syncDirectory,
  TicketEventEntity,
  TypeOrmUnitOfWork,
  UnitEntity,
} from '@hub/database';
import { DeadlinePolicies, loadDeadlinePolicies } from '@hub/deadlines';
import { Actor, Clock, DeadlineStage } from '@hub/domain';
import { SendOutboxMailsUseCase, SendOutboxMailUseCase, SmtpTransport } from '@hub/notify';
import { BullmqProducer, createRedis } from '@hub/queue';
import { reminderUseCases, SweepDeadlinesUseCase } from '@hub/reminders';
import { buildTicketUseCases, TicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket, SmtpSink, startSmtpSink, TEST_REDIS_URL, uniqueName } from '@hub/testing';

/** A clock the test moves by hand. */
class StepClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
}

const operator: Actor = { kind: 'user', id: 1, name: '话务员' };
const unitActor = (name: string): Actor => ({ kind: 'unit', id: null, name });

describe('one ticket through its whole life, with every deadline and reminder', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let policies: DeadlinePolicies;
  let sink: SmtpSink;
  let redis: RedisClient;
  let workerRedis: RedisClient;
  let producer: BullmqProducer;
  let worker: Worker;
  let transport: SmtpTransport;
  let actions: TicketUseCases;
  let sweep: SweepDeadlinesUseCase;
  const clock = new StepClock(new Date('2025-03-03T01:00:00Z'));

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubdl');
    drop = db.drop;
    sink = await startSmtpSink();
    const prefix = `{${uniqueName('dl')}}`;
    config = loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-dl-')),
      HUB_QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
    });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    policies = loadDeadlinePolicies(config);
    redis = createRedis(TEST_REDIS_URL, 'dl-test');
    producer = new BullmqProducer(redis, prefix);
    transport = new SmtpTransport(sink.url);
    // The mail queue as the worker runs it: every outbox mail is sent through SMTP.
    workerRedis = createRedis(TEST_REDIS_URL, 'dl-test-worker');
    const send = new SendOutboxMailUseCase(new TypeOrmUnitOfWork(ds, producer), transport, config);
    worker = new Worker(
      'mail',
      async (job) =>
        job.name === 'mail-send-many'
          ? new SendOutboxMailsUseCase(send).execute({ outboxIds: job.data.outboxIds })
          : send.execute({ outboxId: job.data.outboxId }),
      {
        connection: workerRedis,
        prefix,
      },
    );
    actions = buildTicketUseCases({ uow: new TypeOrmUnitOfWork(ds, producer), config, planner: policies, clock });
    sweep = reminderUseCases({ uow: new TypeOrmUnitOfWork(ds, producer), clock, config, policies, jobs: producer }).sweep;
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    workerRedis?.disconnect();
    await Promise.all(Object.values(producer?.queues ?? {}).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await producer?.close();
    redis?.disconnect();
    transport?.close();
    await sink?.stop();
    await ds?.destroy();
    await drop?.();
  });

  let expected = 0;
  /** The SMTP server has received exactly `n` more mails (and nothing else arrives meanwhile). */
  async function mailsArrive(n: number) {
    expected += n;
    await sink.waitFor(expected, 10_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(sink.messages.length).toBe(expected);
    return sink.messages.slice(expected - n);
  }
  const at = async (iso: string) => {
    clock.set(iso);
    return sweep.execute();
  };
  const deadline = async (ticketId: number, unitId: number | null, stage: DeadlineStage) =>
    ds.getRepository(DeadlineEntity).findOneOrFail({ where: { ticketId, stage, ...(unitId ? { unitId } : {}) }, order: { id: 'DESC' } });
  const to = (m: { to?: unknown }) => JSON.stringify(m.to);

  it('dispatches, returns, reassigns, extends, reopens and closes with the reminders the policy says, each mailed once', async () => {
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const unitA = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    const unitB = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '市市场监督管理局' });
    const supervisor = config.units.supervisors[0].email;
    const ticket = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: source.id,
        channel: 'hotline',
        text: '来电反映东湖区桃园小区门口占道经营，影响通行。',
        receivedAt: new Date('2025-03-03T00:50:00Z'),
        requester: { name: '张先生', phone: '13900000011' },
      }),
    );
    const id = ticket.id;

    // Monday 3 March 09:00 (Shanghai): dispatched to A. Working days do not count the day it starts.
    await actions.dispatchTicket.execute({ ticketId: id, unitId: unitA.id, category: '城市管理/占道经营', actor: operator });
    await actions.recordContact.execute({ ticketId: id, unitId: unitA.id, note: '已电话联系来电人', actor: unitActor(unitA.name) });
    expect((await deadline(id, unitA.id, 'acknowledge')).dueAt.toISOString()).toBe('2025-03-04T16:00:00.000Z'); // 1wd: Tue 24:00
    expect((await deadline(id, unitA.id, 'reply')).dueAt.toISOString()).toBe('2025-03-10T16:00:00.000Z'); // 5wd: next Mon 24:00
    expect((await deadline(id, unitA.id, 'return_window')).dueAt.toISOString()).toBe('2025-03-05T16:00:00.000Z'); // 2wd
    const [dispatchA] = await mailsArrive(1);
    expect(dispatchA.subject).toMatch(/交办/);

    // Nothing is due yet; the supervisors get the day's digest (零报告) once, however often the sweep runs.
    const first = await at('2025-03-03T01:00:00Z');
    expect(first.sent).toBe(0);
    expect(first.digest).toMatchObject({ day: '2025-03-03', items: 0, supervisors: 1, units: 0 });
    expect((await at('2025-03-03T01:00:01Z')).digest).toBeNull();
    expect(to((await mailsArrive(1))[0])).toContain(supervisor);

    // Tuesday 05:00: half of A's acknowledge time is used: yellow warning to A, once.
    const yellow = await at('2025-03-03T21:00:00Z');
    expect(yellow.byStage).toEqual({ acknowledge: { yellow: 1 } });
    expect((await at('2025-03-03T21:00:00Z')).sent).toBe(0);
    const [yellowMail] = await mailsArrive(1);
    expect(yellowMail.subject).toMatch(/^【黄灯预警】.*签收时限 2025-03-04 24:00/);
    expect(to(yellowMail)).toContain(unitA.email);

    // A acknowledges, then returns it as misrouted; the operator approves and reassigns to B (Tue 14:00).
    clock.set('2025-03-03T22:00:00Z');
    await actions.acknowledgeTicket.execute({ ticketId: id, unitId: unitA.id, actor: unitActor(unitA.name) });
    clock.set('2025-03-03T23:00:00Z');
    await actions.returnTicket.execute({ ticketId: id, unitId: unitA.id, reason: '不属于本单位职责，应由市场监管部门处理', actor: unitActor(unitA.name) });
    clock.set('2025-03-04T01:00:00Z');
    await actions.decideReturn.execute({ ticketId: id, decision: 'approve', reason: '同意', actor: operator });
    clock.set('2025-03-04T06:00:00Z');
    await actions.dispatchTicket.execute({ ticketId: id, unitId: unitB.id, actor: operator });
    await actions.recordContact.execute({ ticketId: id, unitId: unitB.id, note: '已联系', actor: unitActor(unitB.name) });
    expect((await deadline(id, unitA.id, 'reply')).status).toBe('cancelled');
    expect((await deadline(id, unitB.id, 'acknowledge')).dueAt.toISOString()).toBe('2025-03-05T16:00:00.000Z');
    expect((await deadline(id, unitB.id, 'reply')).dueAt.toISOString()).toBe('2025-03-11T16:00:00.000Z');
    expect(to((await mailsArrive(1))[0])).toContain(unitB.email);
    const tue = await at('2025-03-04T06:00:00Z');
    expect(tue.sent).toBe(0); // A's deadlines ended with the return: no reminder for them
    expect(tue.digest?.supervisors).toBe(1);
    await mailsArrive(1);

    // Wednesday 18:00: B has not acknowledged; yellow and red are both past, only red goes out.
    const wed = await at('2025-03-05T10:00:00Z');
    expect(wed.byStage).toEqual({ acknowledge: { red: 1 } });
    expect(wed.skipped).toBe(1);
    expect(wed.digest?.supervisors).toBe(1);
    const wedMails = await mailsArrive(2);
    expect(wedMails.map((m) => m.subject).join('\n')).toMatch(/【红灯预警】/);

    // Friday 01:00: overdue for B and, a working day after the due time, escalation (督办) to supervisors.
    const fri = await at('2025-03-06T17:00:00Z');
    expect(fri.byStage).toEqual({ acknowledge: { overdue: 1, escalation: 1 } });
    expect(fri.skipped).toBe(1); // `due` was passed over by `overdue`
    expect((await at('2025-03-06T17:00:00Z')).sent).toBe(0);
    const friMails = await mailsArrive(2);
    const escalation = friMails.find((m) => /督办/.test(m.subject ?? ''));
    expect(to(escalation as object)).toContain(supervisor);
    expect(await ds.getRepository(TicketEventEntity).countBy({ ticketId: id, type: 'escalation' })).toBe(1);

    // Friday 09:00: reply yellow, and the digest lists B's overdue acknowledgement for B and for the supervisors.
    const fri9 = await at('2025-03-07T01:00:00Z');
    expect(fri9.byStage).toEqual({ reply: { yellow: 1 } });
    expect(fri9.digest).toMatchObject({ items: 1, units: 1, supervisors: 1 });
    const digestMails = (await mailsArrive(3)).filter((m) => /每日超期汇总/.test(m.subject ?? ''));
    expect(digestMails).toHaveLength(2);
    expect(digestMails.some((m) => to(m).includes(unitB.email))).toBe(true);

    // B acknowledges and asks for 3 more working days; the clock stands while the approver decides (5 h).
    clock.set('2025-03-07T02:00:00Z');
    await actions.acknowledgeTicket.execute({ ticketId: id, unitId: unitB.id, actor: unitActor(unitB.name) });
    await actions.requestExtension.execute({ ticketId: id, unitId: unitB.id, days: 3, reason: '需协调多部门联合执法', actor: unitActor(unitB.name) });
    expect((await deadline(id, unitB.id, 'reply')).nextReminderAt).toBeNull();
    clock.set('2025-03-07T07:00:00Z');
    await actions.decideExtension.execute({ ticketId: id, decision: 'approve', actor: operator });
    const extended = await deadline(id, unitB.id, 'reply');
    // 11 Mar 24:00 + 5 working hours paused = 12 Mar 05:00, + 3 working days = Mon 17 Mar 05:00.
    expect(extended.dueAt.toISOString()).toBe('2025-03-16T21:00:00.000Z');
    expect(extended.lastLevelSent).toBe('yellow'); // the yellow already sent is not sent again
    expect((await at('2025-03-07T07:00:00Z')).sent).toBe(0);

    // Monday 10:00: B replies; the follow-up (回访) is due the next working day.
    clock.set('2025-03-10T02:00:00Z');
    await actions.replyTicket.execute({ ticketId: id, unitId: unitB.id, outcome: 'resolved', text: '已联合执法清理占道摊点。', actor: unitActor(unitB.name) });
    expect((await deadline(id, null, 'follow_up')).dueAt.toISOString()).toBe('2025-03-11T16:00:00.000Z');
    const mon = await at('2025-03-10T02:00:00Z');
    expect(mon.sent).toBe(0);
    expect(mon.digest).toMatchObject({ items: 0, supervisors: 1 });
    await mailsArrive(1);

    // Tuesday 09:00: the follow-up is half used (yellow to the supervisors: operators call back); then rated 不满意: reopened to B.
    const tue2 = await at('2025-03-11T01:00:00Z');
    expect(tue2.byStage).toEqual({ follow_up: { yellow: 1 } });
    await mailsArrive(2);
    clock.set('2025-03-11T02:00:00Z');
    await actions.surveyTicket.execute({ ticketId: id, rating: '不满意', note: '来电人称摊点又回来了', actor: operator });
    const reopenedReply = await deadline(id, unitB.id, 'reply');
    expect(reopenedReply.status).toBe('open');
    expect(reopenedReply.dueAt.toISOString()).toBe('2025-03-18T16:00:00.000Z'); // a new 5wd limit from Tue
    expect((await deadline(id, unitB.id, 'acknowledge')).dueAt.toISOString()).toBe('2025-03-12T16:00:00.000Z');
    expect((await mailsArrive(1))[0].subject).toMatch(/重办|交办/);

    // Wednesday: B acknowledges and replies again; Thursday rated 满意 and closed.
    clock.set('2025-03-12T02:00:00Z');
    await actions.acknowledgeTicket.execute({ ticketId: id, unitId: unitB.id, actor: unitActor(unitB.name) });
    clock.set('2025-03-12T03:00:00Z');
    await actions.replyTicket.execute({ ticketId: id, unitId: unitB.id, outcome: 'resolved', text: '已安排每日巡查。', actor: unitActor(unitB.name) });
    clock.set('2025-03-13T02:00:00Z');
    await actions.surveyTicket.execute({ ticketId: id, rating: '满意', actor: operator });
    clock.set('2025-03-13T03:00:00Z');
    await actions.closeTicket.execute({ ticketId: id, actor: operator });
    expect(await ds.getRepository(DeadlineEntity).countBy({ ticketId: id, status: 'open' })).toBe(0);

    // A week later nothing is left to remind; only the day's digest (nothing overdue) goes out.
    const later = await at('2025-03-20T02:00:00Z');
    expect(later.sent).toBe(0);
    expect(later.digest).toMatchObject({ items: 0, units: 0, supervisors: 1 });
    await mailsArrive(1);

    const reminders = await ds.getRepository(ReminderEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } });
    expect(reminders.map((r) => `${r.stage}:${r.level}`)).toEqual([
      'acknowledge:yellow',
      'acknowledge:red',
      'acknowledge:overdue',
      'acknowledge:escalation',
      'reply:yellow',
      'follow_up:yellow',
    ]);
    expect(reminders.every((r) => r.status === 'sent' && r.sentAt)).toBe(true);
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ status: 'sent' })).toBe(expected);
    expect(await ds.getRepository(TicketEventEntity).countBy({ ticketId: id, type: 'reminder' })).toBe(1); // 催办 (overdue); warnings stay in reminders
  });

  it("stores an urgent ticket's hour limits so that its 督办 comes 2 hours after the due time, even before a holiday", async () => {
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    clock.set('2026-02-13T09:00:00Z'); // Friday 17:00 Beijing, the eve of the Spring Festival holiday
    const t = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: source.id,
        channel: 'hotline',
        text: '来电反映小区燃气管道泄漏，有明显气味。',
        receivedAt: clock.now(),
        requester: { name: '王先生', phone: '13900000013' },
      }),
    );
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', urgency: 'urgent', actor: operator });
    const reply = await deadline(t.id, unit.id, 'reply');
    expect(reply).toMatchObject({ basis: 'hours', dueAt: new Date('2026-02-14T09:00:00Z') });
    const steps = policies.ladder.schedule(policies.toLadder({ ...reply, version: reply.dueVersion }));
    expect(steps.find((s) => s.level === 'escalation')?.at).toEqual(new Date('2026-02-14T11:00:00Z'));
  });

  it('applies a time-limit rule that names the mailbox a letter came to (信访件 by source)', async () => {
    const petitions = new DeadlinePolicies(
      {
        ...config.policies,
        rules: [
          ...config.policies.rules,
          { name: '省长信箱信访件', match: { source: ['省长信箱'] }, stages: { reply: '60d' }, extension: { maxCount: 1, maxLength: '30d' } },
        ],
      } as PoliciesFile,
      policies.calendar,
    );
    const withPetitions = buildTicketUseCases({ uow: new TypeOrmUnitOfWork(ds, producer), config, planner: petitions, clock });
    const source = await ensureSource(ds, '省长信箱', 'mailbox');
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    clock.set('2026-03-02T02:00:00Z'); // Monday 10:00 Beijing
    const t = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: source.id,
        channel: 'mailbox',
        text: '反映宅基地确权多年未办理。',
        receivedAt: clock.now(),
        requester: { name: '赵女士', email: 'zhao@example.cn' },
      }),
    );
    const dispatched = await withPetitions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: operator });
    // 3/2 + 60 days is 5/1, in the Labour Day holiday (5/1–5/5): the limit ends 5/6 24:00.
    expect(dispatched.replyDueAt).toEqual(new Date('2026-05-06T16:00:00Z'));
    // The rule's extension applies too: 30 days may be asked for (the default rule allows 10 working days).
    await withPetitions.acknowledgeTicket.execute({ ticketId: t.id, unitId: unit.id, actor: unitActor(unit.name) });
    await expect(
      withPetitions.requestExtension.execute({ ticketId: t.id, unitId: unit.id, days: 30, reason: '需实地核查', actor: unitActor(unit.name) }),
    ).resolves.toMatchObject({ status: 'extension_requested' });
  });

  it('shows the uncovered-year warning on a deadline in a year without holiday data', async () => {
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    clock.set('2027-03-04T06:00:00Z');
    const t = await ds.transaction((m) =>
      createTicket(m, {
        sourceId: source.id,
        channel: 'hotline',
        text: '来电反映路灯不亮。',
        receivedAt: clock.now(),
        requester: { name: '李女士', phone: '13900000012' },
      }),
    );
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: operator });
    const reply = await deadline(t.id, unit.id, 'reply');
    expect(reply.warnings?.join(' ')).toMatch(/2027年节假日安排未配置.*config\/holidays\.yaml/);
  });
});
