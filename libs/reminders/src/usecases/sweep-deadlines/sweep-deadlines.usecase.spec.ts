import type { TrackedStage } from '@hub/domain';
import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import {
  DEADLINE_SWEEP,
  InMemoryDeadlineSweepRepository,
  InMemoryOutboxRepository,
  InMemoryReminderRepository,
  InMemorySmsOutboxRepository,
  InMemorySupervisionOrderRepository,
  InMemoryTicketEventRepository,
  InMemoryUnitOfWork,
  OUTBOX,
  REMINDERS,
  SMS_OUTBOX,
  SUPERVISION_ORDERS,
  TICKET_EVENTS,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { reminderUseCases } from '../../reminder-use-cases';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config') });
const policies = loadDeadlinePolicies(config);
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const SUPERVISORS = config.units.supervisors.map((s) => s.email);

/** Ticket 42, received Monday 3 March 2025 09:00 and dispatched at once to 东湖区城市管理局. */
function world() {
  const deadlines = new InMemoryDeadlineSweepRepository();
  deadlines.units.set(7, { name: '东湖区城市管理局', email: 'donghu-cg@units.qinghe.example' });
  deadlines.units.set(8, { name: '青禾镇人民政府', email: '' });
  deadlines.tickets.set(42, {
    receivedAt: sh('2025-03-03 09:00'),
    subject: null,
    textStart: '来电反映东湖区桃园小区门口占道经营，影响通行。',
    urgency: 'normal',
    confidential: false,
    personal: null,
  });
  const sms = new InMemorySmsOutboxRepository();
  const uow = new InMemoryUnitOfWork().provide(DEADLINE_SWEEP, deadlines).provide(REMINDERS, new InMemoryReminderRepository()).provide(SMS_OUTBOX, sms);
  const deadline = (stage: TrackedStage, dueAt: Date, unitId: number | null = 7) =>
    deadlines.deadlines.insert({
      ticketId: 42,
      unitId,
      stage,
      basis: 'working',
      startAt: sh('2025-03-03 09:00'),
      dueAt,
      status: 'open',
      pausedAt: null,
      pausedMs: 0,
      dueVersion: 1,
      lastLevelSent: null,
      nextReminderAt: sh('2025-03-03 09:00'),
      nextLevel: 'yellow',
    });
  const sweepAt = (now: string, more: { batchSize?: number } = {}) =>
    reminderUseCases({ uow, clock: fixedClock(sh(now)), config, policies, jobs: uow.jobs }).sweep.execute({ digests: false, ...more });
  return {
    uow,
    deadlines,
    deadline,
    sweepAt,
    mails: () => (uow.read(OUTBOX) as InMemoryOutboxRepository).table.all(),
    sms: () => sms.table.all(),
    reminders: () => (uow.read(REMINDERS) as InMemoryReminderRepository).table.all(),
    events: () => (uow.read(TICKET_EVENTS) as InMemoryTicketEventRepository).table.all(),
  };
}

describe('sweep deadlines', () => {
  it('warns the handling unit once when half of its time is used, and queues the mail after the commit', async () => {
    const w = world();
    const acknowledge = w.deadline('acknowledge', sh('2025-03-05 00:00'));

    const first = await w.sweepAt('2025-03-04 05:00');
    expect(first).toMatchObject({ examined: 1, sent: 1, mails: 1, byStage: { acknowledge: { yellow: 1 } }, noRecipient: 0 });
    const [mail] = w.mails();
    expect(mail).toMatchObject({
      kind: 'reminder',
      to: ['donghu-cg@units.qinghe.example'],
      ticketId: 42,
      subject: '【黄灯预警】工单 QH20250303-000042 签收时限 2025-03-04 24:00',
    });
    expect(mail.text).toContain('工单 QH20250303-000042（来电反映东湖区桃园小区门口占道经营，影响通行。）的签收时限为 2025-03-04 24:00。');
    expect(w.uow.jobs.jobs).toEqual([{ name: 'mail-send-many', payload: { outboxIds: [mail.id] } }]);
    expect(w.reminders()).toMatchObject([{ key: `${acknowledge.id}-yellow-v1`, level: 'yellow', status: 'pending', outboxId: mail.id }]);
    // Warnings stay off the ticket's timeline.
    expect(w.events()).toEqual([]);
    expect(w.deadlines.deadlines.get(acknowledge.id)).toMatchObject({ lastLevelSent: 'yellow', nextLevel: 'red' });

    const again = await w.sweepAt('2025-03-04 05:00');
    expect(again).toMatchObject({ examined: 0, sent: 0, mails: 0 });
    expect(w.mails()).toHaveLength(1);
  });

  it('masks the requester in the excerpt of a confidential (保密) ticket, as everything else a unit reads', async () => {
    const w = world();
    w.deadlines.tickets.set(42, {
      receivedAt: sh('2025-03-03 09:00'),
      subject: null,
      textStart: '我叫王建国，电话13912345678，住桃园小区5栋，举报楼下',
      urgency: 'normal',
      confidential: true,
      personal: { name: '王建国', phone: '13912345678', address: '桃园小区5栋' },
    });
    w.deadline('acknowledge', sh('2025-03-05 00:00'));
    await w.sweepAt('2025-03-04 05:00');
    const [mail] = w.mails();
    expect(mail.text).not.toContain('王建国');
    expect(mail.text).not.toContain('13912345678');
    expect(mail.text).not.toContain('桃园小区5栋');
    expect(mail.text).toContain('举报楼下');
  });

  it('texts the unit’s liaison officer (联络员) from the red light on, once per reminder, outside quiet hours; the yellow warning is mail only', async () => {
    const w = world();
    w.deadline('acknowledge', sh('2025-03-05 00:00'));
    await w.sweepAt('2025-03-04 05:00');
    expect(w.sms()).toEqual([]);
    await w.sweepAt('2025-03-04 23:00');
    await w.sweepAt('2025-03-04 23:00');
    expect(w.sms()).toMatchObject([{ phone: '13900000102', kind: 'reminder', ticketId: 42 }]);
    expect(w.sms()[0].text).toBe('【催办】工单QH20250303-000042签收将于03-04 24:00到期，请及时办理。');
    // 23:00 is in the quiet hours: the SMS waits for 08:00 (the SMS sweep sends it then), the mail does not.
    expect(w.uow.jobs.jobs.filter((j) => j.name === 'send-sms')).toHaveLength(0);
    expect(w.sms()[0].nextAttemptAt).toEqual(sh('2025-03-05 08:00'));
  });

  it('sends only the most severe level after a late sweep, escalates (督办) to the supervisors and writes both on the timeline', async () => {
    const w = world();
    w.deadline('acknowledge', sh('2025-03-05 00:00'));

    const r = await w.sweepAt('2025-03-07 06:00');
    expect(r.byLevel).toEqual({ overdue: 1, escalation: 1 });
    expect(r.skipped).toBe(3);
    expect(w.mails().map((m) => [m.to, m.subject])).toEqual([
      [['donghu-cg@units.qinghe.example'], '【已超期】工单 QH20250303-000042 签收时限 2025-03-04 24:00'],
      [SUPERVISORS, '【督办】工单 QH20250303-000042 签收已超期（东湖区城市管理局）'],
    ]);
    expect(w.events().map((e) => [e.type, e.actorName, e.reason])).toEqual([
      ['reminder', '时限催办', '签收已超期（时限 2025-03-04 24:00）'],
      ['escalation', '时限催办', '签收督办（时限 2025-03-04 24:00）'],
    ]);
  });

  it('copies a lower unit’s reminders and escalation (二级派单) to the desk unit above it', async () => {
    const w = world();
    w.deadlines.units.set(9, { name: '东湖区人民政府', email: 'donghu-zf@units.qinghe.example' });
    w.deadlines.desks.set(501, 9);
    const row = w.deadline('acknowledge', sh('2025-03-05 00:00'));
    w.deadlines.deadlines.update(row.id, { assignmentId: 501 });
    w.deadline('reply', sh('2025-03-05 00:00')); // the desk's own: no copy to anyone else

    await w.sweepAt('2025-03-07 06:00');
    expect(w.mails().map((m) => [m.to, m.subject.slice(0, 5)])).toEqual([
      [['donghu-cg@units.qinghe.example', 'donghu-zf@units.qinghe.example'], '【已超期】'],
      [[...SUPERVISORS, 'donghu-zf@units.qinghe.example'], '【督办】工'],
      [['donghu-cg@units.qinghe.example'], '【已超期】'],
      [SUPERVISORS, '【督办】工'],
    ]);
  });

  it('keeps the return window silent: the row is settled, nothing is sent', async () => {
    const w = world();
    const window = w.deadline('return_window', sh('2025-03-06 00:00'));
    expect(await w.sweepAt('2025-03-07 06:00')).toMatchObject({ examined: 1, silent: 1, sent: 0, mails: 0 });
    expect(w.mails()).toEqual([]);
    expect(w.deadlines.deadlines.get(window.id)).toMatchObject({ nextReminderAt: null, nextLevel: null });
  });

  it('records a reminder for a unit without a mail address as failed, with the reason, and mails nothing', async () => {
    const w = world();
    w.deadline('acknowledge', sh('2025-03-05 00:00'), 8);
    expect(await w.sweepAt('2025-03-04 05:00')).toMatchObject({ sent: 1, noRecipient: 1, mails: 0 });
    expect(w.reminders()).toMatchObject([{ status: 'failed', outboxId: null, error: '单位 青禾镇人民政府 没有邮箱' }]);
    expect(w.uow.jobs.jobs).toEqual([]);
  });

  it('counts a reminder another sweeper already wrote as a duplicate and sends nothing for it', async () => {
    const w = world();
    const d = w.deadline('acknowledge', sh('2025-03-05 00:00'));
    await (w.uow.read(REMINDERS) as InMemoryReminderRepository).addMany([
      {
        key: `${d.id}-yellow-v1`,
        deadlineId: d.id,
        ticketId: 42,
        unitId: 7,
        stage: 'acknowledge',
        level: 'yellow',
        scheduledAt: sh('2025-03-04 04:30'),
        status: 'pending',
        outboxId: null,
        recipients: [],
        error: null,
      },
    ]);
    expect(await w.sweepAt('2025-03-04 05:00')).toMatchObject({ examined: 1, duplicates: 1, sent: 0, mails: 0 });
    expect(w.mails()).toEqual([]);
  });

  it('works through a backlog in batches', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) w.deadline('acknowledge', sh('2025-03-05 00:00'));
    expect(await w.sweepAt('2025-03-04 05:00', { batchSize: 2 })).toMatchObject({ examined: 5, sent: 5, mails: 5, batches: 3 });
  });

  it('refuses a batch size of 0, naming the field', async () => {
    const w = world();
    await expect(w.sweepAt('2025-03-04 05:00', { batchSize: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'batchSize' });
  });

  it('puts a 督办单 unanswered a working day past its due time on the 通报 list, once', async () => {
    const w = world();
    const orders = new InMemorySupervisionOrderRepository();
    w.uow.provide(SUPERVISION_ORDERS, orders);
    const d = w.deadline('supervision', sh('2025-03-05 17:00'));
    const order = await orders.add({
      ticketId: 42,
      unitId: 7,
      deadlineId: d.id,
      batchKey: null,
      level: 'supervise',
      status: 'open',
      reason: '超期未办结',
      instructions: '说明原因',
      issuedAt: sh('2025-03-03 09:00'),
      dueAt: sh('2025-03-05 17:00'),
      issuedById: 9,
      issuedByName: '督办科',
      answerText: null,
      answeredAt: null,
      answeredByName: null,
      reportedAt: null,
      withdrawnAt: null,
      withdrawReason: null,
    });
    await w.sweepAt('2025-03-05 19:00');
    expect(w.events().map((e) => e.type)).toEqual(['reminder']);
    expect((await orders.findById(order.id))?.status).toBe('open');
    // 1 working day after 5 March 17:00 is 6 March 24:00 (escalateAfter: 1wd).
    await w.sweepAt('2025-03-07 00:30');
    expect(await orders.findById(order.id)).toMatchObject({ status: 'reported', reportedAt: sh('2025-03-07 00:30') });
    const reported = w.events().filter((e) => e.type === 'supervision_reported');
    expect(reported).toHaveLength(1);
    expect(reported[0].reason).toBe('督办单逾期未回复，列入通报（回复时限 2025-03-05 17:00）');
    expect(w.mails().at(-1)?.to).toEqual(SUPERVISORS);
    await w.sweepAt('2025-03-08 00:30');
    expect(w.events().filter((e) => e.type === 'supervision_reported')).toHaveLength(1);
  });
});
