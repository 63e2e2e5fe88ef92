import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import {
  AssignmentEntity,
  DeadlineEntity,
  ensureSource,
  openDatabase,
  OutgoingMailEntity,
  ReminderEntity,
  syncDirectory,
  TicketEventEntity,
  TicketEntity,
  TypeOrmUnitOfWork,
  UnitEntity,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Actor, Clock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases, SweepDeadlinesUseCase } from '@hub/reminders';
import { buildTicketUseCases, TicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket } from '@hub/testing';
import { COMMUNITY, DISTRICT, OTHER_STREET, STREET, tieredConfigDir } from './tiered-config';

class StepClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  /** Shanghai wall time, `2025-03-07 10:00`. */
  set(shanghai: string): void {
    this.t = sh(shanghai);
  }
}
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const operator: Actor = { kind: 'user', id: 1, name: '话务员' };
const as = (name: string): Actor => ({ kind: 'unit', id: null, name });

/** A database of each dialect: MariaDB (dropped afterwards) and a SQLite file. */
async function database(dialect: 'mariadb' | 'sqlite'): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'mariadb') return createMysqlDatabase('hubtiers');
  return { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-tiers-sqlite-')), 'hub.sqlite')}`, drop: async () => undefined };
}

describe.each(['mariadb', 'sqlite'] as const)('二级派单 on %s: city → district desk → street office → community and back up', (dialect) => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let actions: TicketUseCases;
  let sweep: SweepDeadlinesUseCase;
  const clock = new StepClock(sh('2025-03-06 09:00')); // Thursday

  beforeAll(async () => {
    const db = await database(dialect);
    drop = db.drop;
    config = loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      HUB_CONFIG_DIR: tieredConfigDir(),
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-tiers-data-')),
    });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    const policies = loadDeadlinePolicies(config);
    const jobs = new RecordingJobProducer();
    actions = buildTicketUseCases({ uow: new TypeOrmUnitOfWork(ds, jobs), config, planner: policies, clock });
    sweep = reminderUseCases({ uow: new TypeOrmUnitOfWork(ds, jobs), clock, config, policies, jobs }).sweep;
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  const unit = (name: string) => ds.getRepository(UnitEntity).findOneByOrFail({ name });
  const assignment = (ticketId: number, unitId: number) =>
    ds.getRepository(AssignmentEntity).findOneOrFail({ where: { ticketId, unitId }, order: { id: 'DESC' } });
  const due = async (assignmentId: number, stage: string) =>
    (
      await ds.getRepository(DeadlineEntity).findOneOrFail({ where: { assignmentId, stage: stage as DeadlineEntity['stage'] }, order: { id: 'DESC' } })
    ).dueAt.toISOString();
  const lastMail = async () => ds.getRepository(OutgoingMailEntity).findOneOrFail({ where: {}, order: { id: 'DESC' } });
  const ticket = (id: number) => ds.getRepository(TicketEntity).findOneByOrFail({ id });

  it('synchronises the hierarchy from units.yaml', async () => {
    const [district, street, community] = [await unit(DISTRICT), await unit(STREET), await unit(COMMUNITY)];
    expect(district).toMatchObject({ tier: 'district', desk: true, parentId: null });
    expect(street).toMatchObject({ tier: 'street', desk: true, parentId: district.id });
    expect(community).toMatchObject({ tier: 'community', desk: false, parentId: street.id });
  });

  it('hands a ticket down two levels with due times from each level’s remaining time, and answers it back up', async () => {
    const [district, street, other, community] = [await unit(DISTRICT), await unit(STREET), await unit(OTHER_STREET), await unit(COMMUNITY)];
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const t = await ds.transaction((m) =>
      createTicket(m, { sourceId: source.id, channel: 'hotline', text: '来电反映桃园小区门口占道经营，影响通行。', receivedAt: sh('2025-03-06 08:50') }),
    );

    // Thursday 6 March 09:00: the city dispatches to the district, 5 working days: Thursday 13 March 24:00.
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: district.id, category: '城市管理/占道经营', actor: operator });
    const top = await assignment(t.id, district.id);
    expect(await due(top.id, 'reply')).toBe(sh('2025-03-14 00:00').toISOString());
    clock.set('2025-03-06 10:00');
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: district.id, actor: as(DISTRICT) });

    // Friday 09:00: to the wrong street office, which returns it within the hour: back to the district, not the city.
    clock.set('2025-03-07 09:00');
    await actions.subDispatchTicket.execute({ ticketId: t.id, unitId: district.id, childUnitId: other.id, actor: as(DISTRICT) });
    clock.set('2025-03-07 10:00');
    await actions.returnTicket.execute({ ticketId: t.id, unitId: other.id, reason: '桃园小区不属于本街道辖区', actor: as(OTHER_STREET) });
    expect(await ticket(t.id)).toMatchObject({ status: 'acknowledged', returnCount: 0, leadUnitId: district.id });
    expect(await assignment(t.id, other.id)).toMatchObject({ status: 'returned', returnReason: '桃园小区不属于本街道辖区' });
    expect(await lastMail()).toMatchObject({ to: district.email, subject: expect.stringMatching(/^下级退单/) });

    // Friday 10:00 to 桃园街道. The district has Fri 14 h + Mon–Thu 96 h = 110 working hours left; 0.8 is
    // 88 h: Friday 14 h, the weekend stands still, Mon, Tue, Wed 72 h, Thursday 13 March 02:00.
    await actions.subDispatchTicket.execute({ ticketId: t.id, unitId: district.id, childUnitId: street.id, actor: as(DISTRICT) });
    const mid = await assignment(t.id, street.id);
    expect(mid).toMatchObject({ role: 'sub', parentAssignmentId: top.id, status: 'active' });
    expect(await due(mid.id, 'reply')).toBe(sh('2025-03-13 02:00').toISOString());
    expect(await due(mid.id, 'acknowledge')).toBe(sh('2025-03-11 00:00').toISOString()); // 1 working day: Monday 24:00
    expect(await due(mid.id, 'return_window')).toBe(sh('2025-03-12 00:00').toISOString()); // 2 working days: Tuesday 24:00

    // Monday 08:00: the street office signs and hands it to the community. Left to it: Mon 16 h + Tue 24 h +
    // Wed 24 h + Thu 2 h = 66 h; 0.8 is 52 h 48 min: Mon 16 h, Tue 24 h, Wednesday 12:48.
    clock.set('2025-03-10 08:00');
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: street.id, actor: as(STREET) });
    await actions.subDispatchTicket.execute({ ticketId: t.id, unitId: street.id, childUnitId: community.id, actor: as(STREET) });
    const low = await assignment(t.id, community.id);
    expect(low).toMatchObject({ role: 'sub', parentAssignmentId: mid.id });
    expect(await due(low.id, 'reply')).toBe(sh('2025-03-12 12:48').toISOString());
    expect(await due(low.id, 'acknowledge')).toBe(sh('2025-03-12 00:00').toISOString()); // Tuesday 24:00
    expect(await due(low.id, 'return_window')).toBe(sh('2025-03-12 12:48').toISOString()); // 2wd, capped at its reply
    const notice = await lastMail();
    expect(notice).toMatchObject({ kind: 'dispatch', to: community.email });
    expect(notice.text).toContain(`${STREET}将以下工单转派贵单位办理（二级派单）`);

    // The community signs Tuesday and replies Wednesday 10:00, to the street office.
    clock.set('2025-03-11 09:00');
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: community.id, actor: as(COMMUNITY) });
    clock.set('2025-03-12 10:00');
    await actions.replyTicket.execute({ ticketId: t.id, unitId: community.id, outcome: 'resolved', text: '已劝离占道摊贩。', actor: as(COMMUNITY) });
    expect(await lastMail()).toMatchObject({ to: street.email, subject: expect.stringMatching(/^下级办结反馈/) });
    expect(await ticket(t.id)).toMatchObject({ status: 'acknowledged', repliedAt: null });

    // Thursday 03:00: the street office has not answered upward; an hour past its 02:00 limit it is
    // overdue, and the reminder reaches the street office and the district desk above it.
    clock.set('2025-03-13 03:00');
    await sweep.execute({ digests: false });
    const streetReply = await ds.getRepository(DeadlineEntity).findOneByOrFail({ assignmentId: mid.id, stage: 'reply' });
    const reminders = await ds.getRepository(ReminderEntity).findBy({ deadlineId: streetReply.id });
    expect(reminders.map((r) => [r.level, [...(r.recipients ?? [])].sort()])).toEqual([['overdue', [district.email, street.email].sort()]]);
    const overdue = await ds.getRepository(OutgoingMailEntity).findOneByOrFail({ id: reminders[0].outboxId as number });
    expect(overdue.subject).toBe(`【已超期】工单 QH20250306-${String(t.id).padStart(6, '0')} 办结反馈时限 2025-03-13 02:00`);

    // 08:30: the daily overdue digest: the street office's, copied to the district desk.
    clock.set('2025-03-13 08:30');
    await sweep.execute();
    const digest = await ds.getRepository(OutgoingMailEntity).findOneByOrFail({ dedupeKey: `digest-unit${street.id}-2025-03-13` });
    expect(String(digest.to)).toContain(street.email);
    expect(String(digest.to)).toContain(district.email);

    // 09:00: the street office answers upward from the community's reply, edited.
    clock.set('2025-03-13 09:00');
    await actions.forwardSubReply.execute({ ticketId: t.id, unitId: street.id, text: '经街道核查，已劝离占道摊贩并安排每日巡查。', actor: as(STREET) });
    expect(await assignment(t.id, community.id)).toMatchObject({ status: 'closed' });
    expect(await assignment(t.id, street.id)).toMatchObject({ status: 'replied', replyText: '经街道核查，已劝离占道摊贩并安排每日巡查。' });
    expect(await ticket(t.id)).toMatchObject({ status: 'acknowledged' });

    // 10:00: the district sends it back (退回重办): 14 h left to the district, 0.8 is 11 h 12 min: 21:12.
    clock.set('2025-03-13 10:00');
    await actions.sendBackSubReply.execute({ ticketId: t.id, unitId: district.id, reason: '请补充长效管理措施', actor: as(DISTRICT) });
    expect(await due(mid.id, 'reply')).toBe(sh('2025-03-13 21:12').toISOString());
    expect(await lastMail()).toMatchObject({ to: street.email, subject: expect.stringMatching(/^退回重办/) });

    // 11:00 the street office replies again; 12:00 the district answers the city with it, as it stands.
    clock.set('2025-03-13 11:00');
    await actions.replyTicket.execute({
      ticketId: t.id,
      unitId: street.id,
      outcome: 'resolved',
      text: '已劝离摊贩，街道城管中队每日两次巡查。',
      actor: as(STREET),
    });
    clock.set('2025-03-13 12:00');
    const answered = await actions.forwardSubReply.execute({ ticketId: t.id, unitId: district.id, actor: as(DISTRICT) });
    expect(answered).toMatchObject({ status: 'replied', outcome: 'resolved', repliedAt: sh('2025-03-13 12:00') });
    expect(await assignment(t.id, district.id)).toMatchObject({ replyText: '已劝离摊贩，街道城管中队每日两次巡查。' });

    // The whole chain is on the ticket, in order, with its links.
    const chain = await ds.getRepository(AssignmentEntity).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
    expect(chain.map((a) => [a.unitId, a.role, a.status, a.parentAssignmentId])).toEqual([
      [district.id, 'lead', 'active', null],
      [other.id, 'sub', 'returned', top.id],
      [street.id, 'sub', 'closed', top.id],
      [community.id, 'sub', 'closed', mid.id],
    ]);
    const events = await ds.getRepository(TicketEventEntity).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
    expect(events.map((e) => e.type).filter((x) => x.startsWith('sub_') || x === 'reply')).toEqual([
      'sub_dispatched',
      'sub_returned',
      'sub_dispatched',
      'sub_acknowledged',
      'sub_dispatched',
      'sub_acknowledged',
      'sub_replied',
      'sub_replied',
      'sub_reply_forwarded',
      'sub_reply_sent_back',
      'sub_replied',
      'reply',
      'sub_reply_forwarded',
    ]);
  });
});
