import { ApiHarness, startApi } from '@hub/testing';
import { COMMUNITY, DISTRICT, OTHER_STREET, STREET, tieredConfigDir } from './tiered-config';

/** 二级派单 through the API: the district desk's user hands a ticket down, the street office's user answers it, the desk answers upward. */
describe('二级派单 routes', () => {
  let api: ApiHarness;
  let operator: string;
  let district: string;
  let street: string;
  let ids: Record<string, number>;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = async (username: string, password: string) => (await api.http().post('/api/auth/login').send({ username, password })).body.token as string;

  beforeAll(async () => {
    api = await startApi({ HUB_CONFIG_DIR: tieredConfigDir() });
    operator = await api.login('operator');
    // The demo's `district` user holds 东湖区's units, the district government (a desk) among them.
    district = await api.login('district');
    const units = (await api.http().get('/api/units').set(auth(operator))).body as Array<{
      id: number;
      name: string;
      parentId: number | null;
      tier: string | null;
      desk: boolean;
    }>;
    ids = Object.fromEntries(units.map((u) => [u.name, u.id]));
    expect(units.find((u) => u.name === STREET)).toMatchObject({ parentId: ids[DISTRICT], tier: 'street', desk: true });
    const admin = await api.login('admin');
    const created = await api
      .http()
      .post('/api/admin/users')
      .set(auth(admin))
      .send({ username: 'taoyuan', displayName: '桃园街道 承办人', role: 'unit', password: 'Jiedao-Desk-2025x', unitIds: [ids[STREET]] });
    expect([created.status, created.body]).toEqual([201, expect.anything()]);
    street = await login('taoyuan', 'Jiedao-Desk-2025x');
    // A new account first sets its own password.
    const changed = await api
      .http()
      .post('/api/auth/password')
      .set(auth(street))
      .send({ currentPassword: 'Jiedao-Desk-2025x', newPassword: 'Qiao-Street-7788y' });
    expect(changed.status).toBe(200);
  });
  afterAll(async () => api?.close());

  it('hands the ticket down, lets the street office act on it, and shows the desk the whole chain', async () => {
    const intake = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .send({ text: '桃园小区门口占道经营，影响通行', name: '王先生', phone: '13800138000' });
    const id = intake.body.id as number;
    expect((await api.http().post(`/api/tickets/${id}/dispatch`).set(auth(operator)).send({ unitId: ids[DISTRICT] })).status).toBe(200);
    // Not the street office's ticket yet: 404, as any other unit's.
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(street))).status).toBe(404);
    expect((await api.http().get(`/api/tickets/${id}/sub-dispatch`).set(auth(street))).status).toBe(404);

    const early = await api.http().post(`/api/tickets/${id}/sub-dispatch`).set(auth(district)).send({ childUnitId: ids[STREET] });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('请先签收工单');
    expect((await api.http().post(`/api/tickets/${id}/acknowledge`).set(auth(district))).status).toBe(200);
    const targets = await api.http().get(`/api/tickets/${id}/sub-dispatch`).set(auth(district));
    expect(targets.body).toMatchObject({ deskUnitId: ids[DISTRICT], desk: true, pendingReplyAssignmentId: null, activeAssignmentId: null });
    expect(targets.body.units.map((u: { name: string }) => u.name).sort()).toEqual(['东湖区城市管理局', STREET, OTHER_STREET].sort());
    // The operator is no desk unit: 403 (the ticket is theirs to see).
    expect((await api.http().post(`/api/tickets/${id}/sub-dispatch`).set(auth(operator)).send({ childUnitId: ids[STREET] })).status).toBe(403);
    const notBelow = await api.http().post(`/api/tickets/${id}/sub-dispatch`).set(auth(district)).send({ childUnitId: ids[COMMUNITY] });
    expect(notBelow.status).toBe(422);

    const down = await api.http().post(`/api/tickets/${id}/sub-dispatch`).set(auth(district)).send({ childUnitId: ids[STREET], note: '请核实处理' });
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('acknowledged');

    // The street office sees the ticket and is offered its own 签收 and 退单, then 反馈.
    const seen = await api.http().get(`/api/tickets/${id}`).set(auth(street));
    expect(seen.status).toBe(200);
    expect(seen.body.actions.sort()).toEqual(['acknowledge', 'return']);
    expect((await api.http().post(`/api/tickets/${id}/acknowledge`).set(auth(street))).status).toBe(200);
    const reply = await api.http().post(`/api/tickets/${id}/reply`).set(auth(street)).send({ outcome: 'resolved', text: '已劝离占道摊贩。' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('acknowledged');

    // The desk sees the whole chain, linked, and the reply waiting for it.
    const detail = await api.http().get(`/api/tickets/${id}`).set(auth(district));
    const [lead, sub] = detail.body.assignments as Array<{
      id: number;
      unit: string;
      role: string;
      status: string;
      parentAssignmentId: number | null;
      replyText: string;
    }>;
    expect(lead).toMatchObject({ unit: DISTRICT, role: 'lead', parentAssignmentId: null });
    expect(sub).toMatchObject({ unit: STREET, role: 'sub', status: 'replied', parentAssignmentId: lead.id, replyText: '已劝离占道摊贩。' });
    expect((await api.http().get(`/api/tickets/${id}/sub-dispatch`).set(auth(district))).body.pendingReplyAssignmentId).toBe(sub.id);

    const up = await api.http().post(`/api/tickets/${id}/forward-sub-reply`).set(auth(district)).send({ text: '经街道核查，已劝离占道摊贩并安排巡查。' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'replied', outcome: 'resolved' });
    const none = await api.http().post(`/api/tickets/${id}/send-back-sub-reply`).set(auth(district)).send({ reason: '补充' });
    expect(none.status).toBe(422);
  });
});
