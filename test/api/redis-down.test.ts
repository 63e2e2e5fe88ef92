import { ApiHarness, startApi } from '@hub/testing';
import { openDatabase, OutgoingMailEntity } from '@hub/database';
import { pendingUploads } from '@hub/intake';

/** Redis is away (restarting, full, a network cut): the API still takes requests; the queues catch up later. */
describe('the API while Redis does not answer', () => {
  let api: ApiHarness;
  let operator: string;

  beforeAll(async () => {
    api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    operator = await api.login('operator');
  });
  afterAll(async () => api?.close());

  it('takes an intake and a dispatch instead of hanging on the queue; the dispatch mail waits in the outbox', async () => {
    const intake = await api
      .http()
      .post('/api/intake')
      .set('Authorization', `Bearer ${operator}`)
      .timeout(20_000)
      .send({ text: '来电反映南湖路段积水严重，车辆无法通行' });
    expect(intake.status).toBe(201);
    const units = await api.http().get('/api/units').set('Authorization', `Bearer ${operator}`);
    const dispatch = await api
      .http()
      .post(`/api/tickets/${intake.body.id}/dispatch`)
      .set('Authorization', `Bearer ${operator}`)
      .timeout(20_000)
      .send({ unitId: units.body[0].id });
    expect(dispatch.status).toBe(200);
    const ds = await openDatabase(api.config.env.database);
    try {
      expect(await ds.getRepository(OutgoingMailEntity).countBy({ ticketId: intake.body.id, kind: 'dispatch', status: 'pending' })).toBe(1);
    } finally {
      await ds.destroy();
    }
  });

  it('takes an uploaded export and keeps it with its source for the worker to import once Redis is back', async () => {
    const admin = await api.login('admin');
    const csv =
      '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度\r\nRD-01,2025-03-03 09:10,13900001111,刘先生,市长公开电话,来电反映路灯不亮,西岭区,一般\r\n';
    const res = await api
      .http()
      .post('/api/admin/imports')
      .set('Authorization', `Bearer ${admin}`)
      .timeout(20_000)
      .field('source', 'standard')
      .attach('file', Buffer.from(csv, 'utf8'), '话务导出.csv');
    expect(res.status).toBe(202);
    expect(await pendingUploads(api.config.env.dataDir, 0)).toEqual([expect.objectContaining({ source: 'standard', originalName: '话务导出.csv' })]);
  });

  it('still serves /metrics, with the ticket counts and Redis down', async () => {
    const res = await api.http().get('/metrics').timeout(20_000);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^hub_tickets\{status="dispatched"\} 1$/m);
    expect(res.text).toMatch(/^hub_redis_up 0$/m);
  });
});
