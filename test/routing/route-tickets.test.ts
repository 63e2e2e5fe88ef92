import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource, In } from 'typeorm';
import { ensureModel } from '@hub/classification';
import { HubConfig, loadConfig } from '@hub/config';
import {
  AssignmentEntity,
  DeadlineEntity,
  ensureSource,
  openDatabase,
  OutgoingMailEntity,
  syncDirectory,
  TicketEntity,
  TicketEventEntity,
  TrainingExampleEntity,
  TypeOrmUnitOfWork,
  UnitEntity,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { ActiveModelClassifierSource, buildTicketUseCases, TicketConflictError, TicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket } from '@hub/testing';

describe('routing new tickets', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let router: TicketUseCases['routeNewTickets'];
  let jobs: RecordingJobProducer;
  let hotline: number;
  let actions: TicketUseCases;

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubroute');
    drop = db.drop;
    config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-route-')) });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    jobs = new RecordingJobProducer();
    const planner = loadDeadlinePolicies(config);
    actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(ds, jobs),
      config,
      planner,
      clock: systemClock,
      classifiers: new ActiveModelClassifierSource(config, ensureModel),
    });
    router = actions.routeNewTickets;
    hotline = (await ensureSource(ds, '市长公开电话', 'hotline')).id;
    // Trains the shipped model into the fresh data dir here, under this hook's time limit, not the first test's.
    ensureModel(config);
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  const call = (text: string, phone: string, receivedAt = new Date()) =>
    ds.transaction((m) => createTicket(m, { sourceId: hotline, channel: 'hotline', text, receivedAt, requester: { name: '市民', phone } }));

  it('dispatches a clear gas leak at once, as urgent, and alerts the duty supervisor', async () => {
    const t = await call('来电反映南港区港湾新城5号楼楼道里煤气味很浓，怀疑燃气管道泄漏，请立即派人处理。', '13900000001');
    const [out] = await router.execute({ ticketIds: [t.id] });
    expect(out.result).toBe('dispatched');
    const ticket = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(ticket.status).toBe('dispatched');
    expect(ticket.urgency).toBe('urgent');
    expect(ticket.category).toBe('城乡建设/燃气安全');
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ id: ticket.leadUnitId as number });
    expect(unit.name).toBe('市住房和城乡建设局');
    const deadlines = await ds.getRepository(DeadlineEntity).findBy({ ticketId: t.id, status: 'open' });
    expect(deadlines.map((d) => d.stage).sort()).toEqual(['acknowledge', 'first_contact', 'reply', 'return_window']);
    // Urgent: acknowledge within an hour of dispatch.
    const ack = deadlines.find((d) => d.stage === 'acknowledge') as DeadlineEntity;
    expect(ack.dueAt.getTime() - ack.startAt.getTime()).toBe(3600_000);
    const mails = await ds.getRepository(OutgoingMailEntity).findBy({ ticketId: t.id });
    expect(mails.map((m) => m.kind).sort()).toEqual(['alert', 'dispatch']);
    expect(mails.find((m) => m.kind === 'dispatch')?.subject).toMatch(/【紧急】交办工单/);
  });

  it('leaves an item it cannot place in triage with three suggestions and a dispatch deadline', async () => {
    const t = await call('来电人说家门口那个事情一直没人管，希望有关部门过问一下。', '13900000002');
    const [out] = await router.execute({ ticketIds: [t.id] });
    expect(out.result).toBe('triage');
    const ticket = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(ticket.status).toBe('accepted');
    expect(ticket.classification?.suggestions?.length).toBe(3);
    expect(ticket.classification?.auto).toBe(false);
    expect(await ds.getRepository(DeadlineEntity).countBy({ ticketId: t.id, stage: 'dispatch', status: 'open' })).toBe(1);
  });

  it("merges the same caller's repeat of an open matter and tells the unit, but not a different matter", async () => {
    const first = await call('来电反映东湖区桃园小区3栋楼下烧烤摊占道经营，油烟和噪音持续到凌晨，请城管处理。', '13900000003');
    await router.execute({ ticketIds: [first.id] });
    if ((await ds.getRepository(TicketEntity).findOneByOrFail({ id: first.id })).status === 'accepted') {
      const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
      await actions.dispatchTicket.execute({ ticketId: first.id, unitId: unit.id, actor: { kind: 'user', id: 1, name: '话务员' } });
    }
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: first.id })).status).toBe('dispatched');
    const again = await call('桃园小区3栋楼下烧烤摊又在占道经营，油烟噪音到凌晨，上次反映了还没处理，请尽快。', '+86 139-0000-0003');
    const [merged] = await router.execute({ ticketIds: [again.id] });
    expect(merged.result).toBe('merged');
    const repeat = await ds.getRepository(TicketEntity).findOneByOrFail({ id: again.id });
    expect(repeat.status).toBe('merged');
    expect(repeat.mergedIntoId).toBe(first.id);
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: first.id })).repeatCount).toBe(1);
    expect(await ds.getRepository(TicketEventEntity).countBy({ ticketId: first.id, type: 'repeat_merged' })).toBe(1);
    // The unit holding the first ticket is told the citizen came back.
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ dedupeKey: `repeat-${again.id}` })).toBe(1);
    expect(await ds.getRepository(AssignmentEntity).countBy({ ticketId: again.id })).toBe(0);

    const other = await call('来电咨询孩子明年小学入学需要准备哪些材料，户籍在东湖区。', '13900000003');
    const [separate] = await router.execute({ ticketIds: [other.id] });
    expect(separate.result).not.toBe('merged');
  });

  it('merges a caller phoning three times about the same noise in other words, but not their next matter at the same address', async () => {
    const first = await call('来电反映西岭区岭南佳苑小区旁边的工地每天晚上十一点以后还在施工，噪音很大，影响休息，要求查处。', '13811112222');
    await router.execute({ ticketIds: [first.id] });
    const second = await call('岭南佳苑边上那个工地半夜还在打桩，吵得睡不着，之前打过电话了，怎么还没人管？', '+86 138 1111 2222');
    const third = await call('张先生第三次来电：岭南佳苑附近建筑工地夜间施工扰民问题仍未解决。', '138-1111-2222');
    expect((await router.execute({ ticketIds: [second.id, third.id] })).map((o) => o.result)).toEqual(['merged', 'merged']);
    const open = await ds.getRepository(TicketEntity).findOneByOrFail({ id: first.id });
    expect(open.repeatCount).toBe(2);
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: third.id })).mergedIntoId).toBe(first.id);
    // The operator reads why: what agreed, not a low wording score.
    const why = await ds.getRepository(TicketEventEntity).findOneByOrFail({ ticketId: second.id, toStatus: 'merged' });
    expect(why.reason).toBe('重复件（同一诉求人，同一地点同一类别：岭南佳苑 城市管理/施工噪声）');

    const lamp = await call('西岭区岭南佳苑小区门口路灯坏了一个多月了，晚上很黑。', '13811112222');
    const [separate] = await router.execute({ ticketIds: [lamp.id] });
    expect(separate.result).not.toBe('merged');
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: lamp.id })).mergedIntoId).toBeNull();
  });

  it('keeps the first call open when a batch or another worker routes the later one first', async () => {
    const earlier = new Date(Date.now() - 3 * 3600_000);
    const later = await call('东湖区湖滨新村楼下饭店油烟直排，又来反映了，还是没人管', '13622223333');
    const first = await call('来电反映东湖区湖滨新村一楼饭店油烟直接排到楼上住户窗口，熏得不能开窗。', '13622223333', earlier);
    await router.execute({ ticketIds: [later.id, first.id] });
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: later.id })).mergedIntoId).toBe(first.id);
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: first.id })).status).not.toBe('merged');

    // The same form sent twice, the second routed by another job before the first one's job ran:
    // it joins the first, which then goes on as one ticket.
    const a = await call('高新区科创小区附近KTV每晚唱到两点，噪音扰民', '13511112222');
    const b = await call('高新区科创小区附近KTV每晚唱到两点，噪音扰民', '13511112222');
    expect((await router.execute({ ticketIds: [b.id] }))[0].result).toBe('merged');
    expect((await router.execute({ ticketIds: [a.id] }))[0].result).not.toBe('merged');
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: b.id })).mergedIntoId).toBe(a.id);
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: a.id })).repeatCount).toBe(1);

    // The first one changed at the moment of the merge (its own job routing it): merged all the same, at once.
    const c = await call('高新区科创小区附近KTV每晚唱到两点，噪音扰民，还是没人管', '13511112222');
    const merge = jest.spyOn(actions.mergeTickets, 'execute').mockRejectedValueOnce(new TicketConflictError(a.id));
    try {
      expect((await router.execute({ ticketIds: [c.id] }))[0].result).toBe('merged');
    } finally {
      merge.mockRestore();
    }
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: c.id })).mergedIntoId).toBe(a.id);
  });

  it('flags residents of one building reporting the same outage, and the same outage there months later again', async () => {
    const outage = async (start: Date, phones: string[]) => {
      const ids: number[] = [];
      for (const [i, phone] of phones.entries()) {
        const t = await call(
          ['南港区港湾新城7号楼从早上开始停水了，也没有通知', '港湾新城7栋停水，家里老人没法做饭', '我家是港湾新城七号楼的，一直没水，什么时候来水？'][i % 3],
          phone,
          new Date(start.getTime() + i * 300_000),
        );
        ids.push(t.id);
        await router.execute({ ticketIds: [t.id] });
      }
      return ids;
    };
    const spring = await outage(new Date(Date.now() - 200 * 86400_000), ['13700000001', '13700000002', '13700000003', '13700000004']);
    const autumn = await outage(new Date(Date.now() - 3600_000), ['13700000011', '13700000012', '13700000013']);
    const clusterOf = async (ids: number[]) => new Set((await ds.getRepository(TicketEntity).findBy({ id: In(ids) })).map((t) => t.clusterId));
    const [first] = [...(await clusterOf(spring))];
    const [second] = [...(await clusterOf(autumn))];
    expect((await clusterOf(spring)).size).toBe(1);
    expect((await clusterOf(autumn)).size).toBe(1);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    // Each episode is told to the supervisors once.
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ dedupeKey: `cluster-${first}` })).toBe(1);
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ dedupeKey: `cluster-${second}` })).toBe(1);
  });

  it('learns the category of the unit an operator chose instead of the one the model guessed', async () => {
    const t = await call('南港区港湾新城物业说是楼顶水箱的问题，家里水龙头出来的都是黄水，好几天了', '13700000021');
    await router.execute({ ticketIds: [t.id] });
    // Whatever the model made of it, say it guessed 物业管理 (住建局)…
    await ds.getRepository(TicketEntity).update(t.id, { category: '城乡建设/物业管理' });
    const water = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '市水务集团' });
    // …and the operator picks the water company from the list, leaving the category field as it was.
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: water.id, actor: { kind: 'user', id: 1, name: '话务员' }, asAsked: true });
    const example = await ds.getRepository(TrainingExampleEntity).findOneByOrFail({ ticketId: t.id, origin: 'operator' });
    expect(example).toMatchObject({ department: '市水务集团', category: '公用事业/供水' });
  });

  it('does nothing the second time the same ticket is routed', async () => {
    const t = await call('来电反映北川区川北小区垃圾三天没有清运，臭味很大。', '13900000004');
    await router.execute({ ticketIds: [t.id] });
    const before = await ds.getRepository(AssignmentEntity).countBy({ ticketId: t.id });
    const [again] = await router.execute({ ticketIds: [t.id] });
    expect(again.result).toBe('skipped');
    expect(await ds.getRepository(AssignmentEntity).countBy({ ticketId: t.id })).toBe(before);
  });
});
