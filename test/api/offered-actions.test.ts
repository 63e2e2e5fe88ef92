/**
 * #17 only the actions the server will accept: a ticket's `actions` leave out 申请延期 where the
 * time-limit policy allows none (urgent tickets) or the one allowed extension is used, and offer
 * 首次联系 (`contact`) while its limit is open; each offered action is then accepted.
 */
import { ApiHarness, startApi } from '@hub/testing';

describe('GET /api/tickets/:id actions', () => {
  let api: ApiHarness;
  let operator: string;
  let supervisor: string;
  let unit1: string;
  let unit1Id: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const dispatched = async (body: object) => {
    const res = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .send({ name: '张先生', phone: '13900000001', ...body });
    expect(res.status).toBe(201);
    const id = res.body.id as number;
    expect((await api.http().post(`/api/tickets/${id}/dispatch`).set(auth(operator)).send({ unitId: unit1Id })).status).toBe(200);
    expect((await api.http().post(`/api/tickets/${id}/acknowledge`).set(auth(unit1)).send({})).status).toBe(200);
    return id;
  };
  const actions = async (id: number, token = unit1) => {
    const res = await api.http().get(`/api/tickets/${id}`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body.actions as string[];
  };

  beforeAll(async () => {
    api = await startApi();
    operator = await api.login('operator');
    supervisor = await api.login('supervisor');
    const u1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body;
    [unit1, unit1Id] = [u1.token, u1.user.units[0].id];
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it('offers 首次联系 while its limit is open, and not once it is recorded', async () => {
    const id = await dispatched({ text: '小区门口下水道堵塞，污水外溢' });
    expect(await actions(id)).toEqual(expect.arrayContaining(['contact', 'request_extension', 'reply']));
    const res = await api.http().post(`/api/tickets/${id}/contact`).set(auth(unit1)).send({ text: '已电话联系诉求人' });
    expect(res.status).toBe(200);
    expect(await actions(id)).not.toContain('contact');
    // The desk does not record contact on a unit's behalf.
    expect(await actions(id, operator)).not.toContain('contact');
  });

  it('does not offer 申请延期 on an urgent ticket, whose policy allows none', async () => {
    const id = await dispatched({ text: '燃气管道泄漏，楼道里有很浓的煤气味', urgency: 'urgent' });
    const offered = await actions(id);
    expect(offered).toContain('reply');
    expect(offered).not.toContain('request_extension');
    const res = await api.http().post(`/api/tickets/${id}/extension`).set(auth(unit1)).send({ days: 2, reason: '需协调' });
    expect(res.status).toBe(422);
  });

  it('does not offer 申请延期 after the one allowed extension', async () => {
    const id = await dispatched({ text: '楼上住户长期漏水，物业不处理' });
    expect(await actions(id)).toContain('request_extension');
    expect((await api.http().post(`/api/tickets/${id}/extension`).set(auth(unit1)).send({ days: 3, reason: '需协调物业和住户' })).status).toBe(200);
    expect((await api.http().post(`/api/tickets/${id}/approve-extension`).set(auth(supervisor)).send({})).status).toBe(200);
    const offered = await actions(id);
    expect(offered).toContain('reply');
    expect(offered).not.toContain('request_extension');
    const again = await api.http().post(`/api/tickets/${id}/extension`).set(auth(unit1)).send({ days: 1, reason: '还需一天' });
    expect(again.status).toBe(422);
  });
});
