import { ApiHarness, startApi } from '@hub/testing';

describe('admin API for webhook deliveries', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => api?.close());

  it('lists failed deliveries for an admin, refuses others, and answers 404 to replaying one that does not exist', async () => {
    const admin = await api.login('admin');
    const list = await api.http().get('/api/admin/webhooks/deliveries?status=failed').set('Authorization', `Bearer ${admin}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], nextBeforeId: null });
    const bad = await api.http().get('/api/admin/webhooks/deliveries?status=lost').set('Authorization', `Bearer ${admin}`);
    expect(bad.status).toBe(400);
    const replay = await api.http().post('/api/admin/webhooks/deliveries/999/replay').set('Authorization', `Bearer ${admin}`);
    expect(replay.status).toBe(404);
    const operator = await api.login('operator');
    expect((await api.http().get('/api/admin/webhooks/deliveries').set('Authorization', `Bearer ${operator}`)).status).toBe(403);
  });
});
