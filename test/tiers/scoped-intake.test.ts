import { ApiHarness, startApi } from '@hub/testing';
import { DISTRICT, tieredConfigDir } from './tiered-config';

const WEST = '西岭区人民政府';

/**
 * A scoped desk's own intake (issue #21): a call the district's operator types in (人工录入) waits in
 * that district's 待分拨, seen by its desk and the unscoped one, never by another district's.
 */
describe("a scoped desk's own intake", () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let ids: Record<string, number>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const triage = async (token: string) =>
    ((await api.http().get('/api/tickets?view=triage&pageSize=200').set(auth(token))).body.items as Array<{ id: number }>).map((x) => x.id);
  const detail = (token: string, id: number) => api.http().get(`/api/tickets/${id}`).set(auth(token));
  async function intake(token: string, text: string): Promise<{ id: number; number: string }> {
    const res = await api.http().post('/api/intake').set(auth(token)).send({ text, name: '钱先生', phone: '13700137000' });
    expect(res.status).toBe(201);
    return res.body as { id: number; number: string };
  }

  /** An operator of another district's desk (西岭区), made by the administrator, who sets a password of their own. */
  async function westOperator(): Promise<string> {
    const admin = await api.login('admin');
    const created = await api
      .http()
      .post('/api/admin/users')
      .set(auth(admin))
      .send({ username: 'xiling-operator', displayName: '西岭区分中心 话务员', role: 'operator', password: 'Xiling-Desk-2025x', scopeUnitId: ids[WEST] });
    expect(created.status).toBe(201);
    const first = (await api.http().post('/api/auth/login').send({ username: 'xiling-operator', password: 'Xiling-Desk-2025x' })).body.token as string;
    const changed = await api
      .http()
      .post('/api/auth/password')
      .set(auth(first))
      .send({ currentPassword: 'Xiling-Desk-2025x', newPassword: 'Xiling-Own-7788y' });
    expect(changed.status).toBe(200);
    return (await api.http().post('/api/auth/login').send({ username: 'xiling-operator', password: 'Xiling-Own-7788y' })).body.token as string;
  }

  beforeAll(async () => {
    api = await startApi({ HUB_CONFIG_DIR: tieredConfigDir() });
    t = {};
    for (const u of ['operator', 'district-operator']) t[u] = await api.login(u);
    const units = (await api.http().get('/api/units').set(auth(t.operator))).body as Array<{ id: number; name: string }>;
    ids = Object.fromEntries(units.map((u) => [u.name, u.id]));
    t['xiling-operator'] = await westOperator();
  });
  afterAll(async () => api?.close());

  it("holds the district operator's own intake in the district's triage: its desk and the unscoped desk see it, another district's does not", async () => {
    const own = await intake(t['district-operator'], '东湖区某小区电梯停运两天，物业不处理');
    const mine = await detail(t['district-operator'], own.id);
    expect(mine.status).toBe(200);
    expect(mine.body.number).toBe(own.number);
    expect(await triage(t['district-operator'])).toContain(own.id);

    expect((await detail(t['xiling-operator'], own.id)).status).toBe(404);
    expect(await triage(t['xiling-operator'])).not.toContain(own.id);

    expect((await detail(t.operator, own.id)).status).toBe(200);
    expect(await triage(t.operator)).toContain(own.id);

    // The other district's intake waits on its own desk; the unscoped operator's on the top desk, as before.
    const west = await intake(t['xiling-operator'], '西岭区菜市场门口积水');
    expect((await detail(t['xiling-operator'], west.id)).status).toBe(200);
    expect(await triage(t['xiling-operator'])).toContain(west.id);
    expect((await detail(t['district-operator'], west.id)).status).toBe(404);
    const top = await intake(t.operator, '幸福路路灯不亮');
    expect(await triage(t.operator)).toEqual(expect.arrayContaining([own.id, west.id, top.id]));
    for (const u of ['district-operator', 'xiling-operator']) expect((await detail(t[u], top.id)).status).toBe(404);
  });

  it('merges an in-scope repeat only into a ticket of the scope; the repeat then names its target', async () => {
    const target = await intake(t['district-operator'], '东湖区桃园路夜间施工噪声扰民');
    const repeat = await intake(t['district-operator'], '东湖区桃园路夜间施工噪声又来了');
    const outside = await intake(t['xiling-operator'], '西岭区某路段夜间施工噪声');

    const refused = await api.http().post(`/api/tickets/${repeat.id}/merge`).set(auth(t['district-operator'])).send({ targetTicketId: outside.id });
    expect(refused.status).toBe(404);
    expect((await detail(t['district-operator'], repeat.id)).body).toMatchObject({ status: 'received', mergedIntoId: null });

    const merged = await api
      .http()
      .post(`/api/tickets/${repeat.id}/merge`)
      .set(auth(t['district-operator']))
      .send({ targetTicketId: target.id, reason: '同一诉求' });
    expect(merged.status).toBe(200);
    // Both waited on the district's desk (the scope unit is a desk itself).
    expect(merged.body).toMatchObject({ mergedIntoId: target.id, deskUnitId: ids[DISTRICT] });
    const after = await detail(t['district-operator'], repeat.id);
    expect(after.body).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    const into = await detail(t['district-operator'], after.body.mergedIntoId as number);
    expect(into.status).toBe(200);
    expect(into.body.number).toBe(target.number);
    expect(into.body.repeats).toEqual([expect.objectContaining({ id: repeat.id, number: repeat.number })]);
  });
});
