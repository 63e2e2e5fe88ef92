import { ApiHarness, startApi } from '@hub/testing';
import { openDatabase, OutgoingMailEntity } from '@hub/database';

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
    const intake = await api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).timeout(20_000)
      .send({ text: '来电反映南湖路段积水严重，车辆无法通行' });
    expect(intake.status).toBe(201);
    const units = await api.http().get('/api/units').set('Authorization', `Bearer ${operator}`);
    const dispatch = await api.http().post(`/api/tickets/${intake.body.id}/dispatch`).set('Authorization', `Bearer ${operator}`).timeout(20_000)
      .send({ unitId: units.body[0].id });
    expect(dispatch.status).toBe(200);
    const ds = await openDatabase(api.config.env.database);
    try {
      expect(await ds.getRepository(OutgoingMailEntity).countBy({ ticketId: intake.body.id, kind: 'dispatch', status: 'pending' })).toBe(1);
    } finally {
      await ds.destroy();
    }
  });

  it('still serves /metrics, with the ticket counts and Redis down', async () => {
    const res = await api.http().get('/metrics').timeout(20_000);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^hub_tickets\{status="dispatched"\} 1$/m);
    expect(res.text).toMatch(/^hub_redis_up 0$/m);
  });
});
