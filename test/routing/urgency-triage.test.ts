import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { Classifier, ensureModel, type RouterModelJson } from '@hub/classification';
import { HubConfig, loadConfig } from '@hub/config';
import { ensureSource, openDatabase, OutgoingMailEntity, syncDirectory, TicketEntity, TicketEventEntity, TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases, TicketUseCases } from '@hub/tickets';
import { createMysqlDatabase, createTicket } from '@hub/testing';

// Urgency told by its consequences, through the real router on MariaDB with the model trained from the shipped
// examples: none of these texts is a training example, and none names the danger with a listed phrase.
describe('urgency in triage (issue #15)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let shipped: Classifier;
  let hotline: number;
  let phone = 13700000000;

  const routerWith = (classifier: Classifier): TicketUseCases['routeNewTickets'] =>
    buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
      config,
      planner: loadDeadlinePolicies(config),
      clock: systemClock,
      classifiers: { get: () => classifier },
    }).routeNewTickets;

  beforeAll(async () => {
    const db = await createMysqlDatabase('huburgency');
    drop = db.drop;
    config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-urgency-')) });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    hotline = (await ensureSource(ds, '市长公开电话', 'hotline')).id;
    shipped = ensureModel(config);
  }, 240_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  const call = (text: string) =>
    ds.transaction((m) =>
      createTicket(m, { sourceId: hotline, channel: 'hotline', text, receivedAt: new Date(), requester: { name: '市民', phone: String(++phone) } }),
    );
  const ticket = (id: number) => ds.getRepository(TicketEntity).findOneByOrFail({ id });
  const alerts = (id: number) => ds.getRepository(OutgoingMailEntity).countBy({ ticketId: id, kind: 'alert' });

  it.each([
    '来电人说她家住六楼，从早上起楼道里一股臭鸡蛋似的怪味，越来越重，对门的老两口说头昏眼花，现在都坐在楼下花坛边上。',
    '市民反映小区里一根电线被大风刮断了垂在地上，还在冒火星，旁边就是小孩放学走的路。',
    '来电人称暖气停了四天，屋里只有八度，外面零下十几度，家里刚满月的孩子开始发烧，物业说还要等。',
  ])('flags a danger told by its consequences as urgent (with an alert) or 疑似紧急 in triage: %s', async (text) => {
    const t = await call(text);
    const [out] = await routerWith(shipped).execute({ ticketIds: [t.id] });
    const after = await ticket(t.id);
    if (after.urgency === 'urgent') {
      // Urgent: the duty supervisor hears at once.
      expect(await alerts(t.id)).toBe(1);
    } else {
      // Unsure: an operator decides; never dispatched as a normal item.
      expect(out.result).toBe('triage');
      expect(after.status).toBe('accepted');
      expect(after.classification?.urgencySuspected).toBe(true);
      expect(after.classification?.auto).toBe(false);
    }
  });

  it('does not flag a question whether something is allowed', async () => {
    const t = await call('来电咨询自家阳台能不能安装燃气热水器，需要去哪里办手续。');
    await routerWith(shipped).execute({ ticketIds: [t.id] });
    const after = await ticket(t.id);
    expect(after.urgency).toBe('normal');
    expect(await alerts(t.id)).toBe(0);
  });

  it('keeps an item the model is unsure about in triage, marked 疑似紧急, with its reason, even when its unit is certain', async () => {
    const text = '来电反映东湖区桃园小区门口的流动摊贩占道经营，早上买菜的人挤不过去，希望城管管一管。';
    const plain = shipped.classify({ text, channel: 'hotline' });
    expect(plain.auto).toBe(true);
    expect(plain.urgencyScore).not.toBeNull();
    // The same trained model, its two thresholds placed around this item's probability.
    const p = plain.urgencyScore as number;
    const model: RouterModelJson = JSON.parse(JSON.stringify(shipped.model));
    model.urgency = { ...model.urgency!, urgentThreshold: p + 0.001, suspectedThreshold: p / 2 };
    const unsure = new Classifier(model, config);

    const t = await call(text);
    const [out] = await routerWith(unsure).execute({ ticketIds: [t.id] });
    expect(out.result).toBe('triage');
    const after = await ticket(t.id);
    expect(after.status).toBe('accepted');
    expect(after.urgency).toBe('normal');
    expect(after.classification).toMatchObject({ urgencySuspected: true, auto: false, why: { notAuto: 'urgency uncertain' } });
    expect(await alerts(t.id)).toBe(0);
    // The 受理 event says why it waits (the console shows it as 疑似紧急，请人工确认紧急程度).
    const accepted = await ds.getRepository(TicketEventEntity).findOneByOrFail({ ticketId: t.id, toStatus: 'accepted' });
    expect(accepted.reason).toBe('urgency uncertain');
  });
});
