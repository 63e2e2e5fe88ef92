import { ApiHarness, startApi } from '@hub/testing';

describe('routing rules are checked when saved (#6)', () => {
  let api: ApiHarness;
  let token: string;
  beforeAll(async () => {
    api = await startApi();
    token = await api.login('admin');
  }, 60_000);
  afterAll(async () => api?.close());

  const save = (body: object) => api.http().post('/api/admin/rules').set('Authorization', `Bearer ${token}`).send(body);

  it('answers 400 naming the field for keywords given as a string, and stores nothing', async () => {
    const res = await save({ name: '路灯', conditions: { keywords: '路灯' }, actions: { unit: '市城市管理局' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('conditions.keywords 必须是字符串列表');
    const list = await api.http().get('/api/admin/rules').set('Authorization', `Bearer ${token}`);
    expect(list.body).toEqual([]);
  });

  it('refuses (a+)+$ and a broken regex with 400, keeps a sound pattern', async () => {
    const nested = await save({ name: '回溯', conditions: { patterns: ['(a+)+$'] }, actions: { urgency: 'urgent' } });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('灾难性回溯');
    const broken = await save({ name: '坏', conditions: { patterns: ['路灯(不亮'] }, actions: { urgency: 'urgent' } });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toContain('不是有效的正则表达式');
    const good = await save({ name: '路灯', conditions: { patterns: ['路灯.{0,4}不亮'] }, actions: { urgency: 'urgent' } });
    expect(good.status).toBe(201);
    const edit = await api
      .http()
      .patch(`/api/admin/rules/${good.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: '路灯', conditions: { patterns: ['(a*)*b'] }, actions: { urgency: 'urgent' } });
    expect(edit.status).toBe(400);
    const list = await api.http().get('/api/admin/rules').set('Authorization', `Bearer ${token}`);
    expect(list.body.map((r: { conditions: unknown }) => r.conditions)).toEqual([{ patterns: ['路灯.{0,4}不亮'] }]);
  });
});
