/**
 * 督办单 over HTTP: who may open, see, answer and withdraw an order; the 通报 as JSON and as a
 * workbook a supervisor downloads; the counts beside their definitions.
 */
import ExcelJS from 'exceljs';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { openDatabase, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { ApiHarness, startApi } from '@hub/testing';

describe('supervision orders through the API', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;
  let unit1Id: number;
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    api = await startApi();
    tokens = {};
    for (const who of ['operator', 'supervisor', 'unit1', 'unit2', 'admin']) tokens[who] = await api.login(who);
    unit1Id = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0].id;
  }, 120_000);
  afterAll(async () => api?.close());

  async function dispatchedTicket(text: string): Promise<number> {
    const intake = await api
      .http()
      .post('/api/intake')
      .set(auth('operator'))
      .send({ text, subject: text.slice(0, 12), name: '王先生', phone: '13800138000' });
    expect(intake.status).toBe(201);
    const d = await api.http().post(`/api/tickets/${intake.body.id}/dispatch`).set(auth('operator')).send({ unitId: unit1Id });
    expect(d.status).toBe(200);
    return intake.body.id;
  }

  it('lets a supervisor order a unit, the unit answer it, another unit see nothing, and the 通报 list the unanswered one', async () => {
    const t1 = await dispatchedTicket('湖滨新村小区物业擅自上调物业费，请核查');
    const t2 = await dispatchedTicket('桃园小区门口夜市噪声扰民，请处理');
    const dueAt = new Date(Date.now() + 3600_000).toISOString();
    const body = { ticketIds: [t1, t2], level: 'supervise', reason: '群众反映强烈', instructions: '书面说明核查结果', dueAt };

    expect((await api.http().post('/api/supervision-orders').set(auth('operator')).send(body)).status).toBe(403);
    const bad = await api
      .http()
      .post('/api/supervision-orders')
      .set(auth('supervisor'))
      .send({ ...body, level: 'shout' });
    expect(bad.status).toBe(400);
    const opened = await api.http().post('/api/supervision-orders').set(auth('supervisor')).send(body);
    expect(opened.status).toBe(201);
    expect(opened.body.items.map((o: { ticketId: number; levelText: string; statusText: string }) => [o.ticketId, o.levelText, o.statusText])).toEqual([
      [t1, '督办', '待回复'],
      [t2, '督办', '待回复'],
    ]);
    const [o1, o2] = opened.body.items as Array<{ id: number; ticketNumber: string }>;

    // The unit's inbox: its open orders; another unit sees none and cannot answer them.
    const mine = await api.http().get('/api/supervision-orders?status=open,reported').set(auth('unit1'));
    expect(mine.body.items.map((o: { id: number }) => o.id).sort()).toEqual([o1.id, o2.id].sort());
    expect((await api.http().get('/api/supervision-orders').set(auth('unit2'))).body.items).toEqual([]);
    expect((await api.http().post(`/api/supervision-orders/${o1.id}/answer`).set(auth('unit2')).send({ text: '不是我们的' })).status).toBe(404);
    expect((await api.http().post(`/api/supervision-orders/${o1.id}/answer`).set(auth('unit1')).send({ text: '' })).status).toBe(400);
    const answered = await api.http().post(`/api/supervision-orders/${o1.id}/answer`).set(auth('unit1')).send({ text: '已核查，物业费按合同执行。' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answeredOnTime: true, answerText: '已核查，物业费按合同执行。' });
    expect((await api.http().post(`/api/supervision-orders/${o1.id}/answer`).set(auth('unit1')).send({ text: '再答' })).status).toBe(422);

    // On the ticket's timeline.
    const detail = await api.http().get(`/api/tickets/${t1}`).set(auth('unit1'));
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['supervision_opened', 'supervision_answered']));

    // Two weeks on, the sweep has put the unanswered order on the 通报 list.
    const ds = await openDatabase(api.config.env.database);
    try {
      const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
      const later = new Date(Date.parse(dueAt) + 14 * 86400_000);
      const policies = loadDeadlinePolicies(api.config);
      await reminderUseCases({ uow, clock: fixedClock(later), config: api.config, policies, jobs: new RecordingJobProducer() }).sweep.execute({
        digests: false,
      });
    } finally {
      await ds.destroy();
    }
    const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const q = `from=${day(new Date())}&to=${day(new Date(Date.parse(dueAt) + 20 * 86400_000))}`;
    expect((await api.http().get(`/api/supervision-orders/report?${q}`).set(auth('unit1'))).status).toBe(403);
    const report = await api.http().get(`/api/supervision-orders/report?${q}`).set(auth('supervisor'));
    expect(report.status).toBe(200);
    expect(report.body.items.map((o: { id: number; statusText: string }) => [o.id, o.statusText])).toEqual([[o2.id, '逾期通报']]);

    const xlsx = await api
      .http()
      .get(`/api/supervision-orders/report?${q}&format=xlsx`)
      .set(auth('supervisor'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('督办通报_'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Buffer);
    const sheet = wb.getWorksheet('通报')!;
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['序号', '工单编号', '承办单位', '督办级别']));
    expect(sheet.getRow(4).getCell(2).value).toBe(o2.ticketNumber);
    expect(sheet.getRow(4).getCell(5).value).toBe('督办');
    expect(sheet.getRow(5).getCell(2).value).toBeNull();
    const units = wb.getWorksheet('按单位')!;
    expect(units.getRow(2).values).toEqual([undefined, '市住房和城乡建设局', 2, 1, 0, 0, 1, 1, 0, 0.5]);

    // The counts, as the unit sees its own and the supervisor everyone's.
    const stats = await api.http().get(`/api/stats/supervision?${q}`).set(auth('unit1'));
    expect(stats.body.total).toMatchObject({ issued: 2, answeredOnTime: 1, overdue: 1, reported: 1, onTimeRate: 0.5 });
    expect(stats.body.definitions.onTimeRate).toBe('按时回复率 = 按时回复 / (下发 − 撤销)');
    expect((await api.http().get(`/api/stats/supervision?${q}`).set(auth('unit2'))).body.total.issued).toBe(0);

    // A supervisor withdraws the reported one; the unit can no longer answer it.
    const w = await api.http().post(`/api/supervision-orders/${o2.id}/withdraw`).set(auth('supervisor')).send({ reason: '已另案处理' });
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawReason: '已另案处理' });
    expect((await api.http().post(`/api/supervision-orders/${o2.id}/answer`).set(auth('unit1')).send({ text: '补答' })).status).toBe(422);
  });
});
