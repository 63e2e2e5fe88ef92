import { ApiHarness, listRoutes, startApi } from '@hub/testing';

/** Routes anyone may call. Everything else under /api must refuse a request without a login. */
// A signed attachment link needs no login: its signature is the credential (test/security/ticket-privacy.test.ts).
// The citizens' own routes: the 查询码 or the survey link's token is the credential (test/citizens/public-status.test.ts).
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/attachments/:attachmentId',
  'GET /api/public/tickets/:number',
  'GET /api/public/surveys/:token',
  'POST /api/public/surveys/:token',
]);

describe('authorization on every API route', () => {
  let api: ApiHarness;
  let ticketId: number;
  let operator: string;

  beforeAll(async () => {
    api = await startApi();
    operator = await api.login('operator');
    const intake = await api
      .http()
      .post('/api/intake')
      .set('Authorization', `Bearer ${operator}`)
      .send({ text: '东湖区湖滨新村小区物业擅自上调物业费，请核查', name: '王先生', phone: '13800138000' });
    expect(intake.status).toBe(201);
    ticketId = intake.body.id;
    const units = await api.http().get('/api/units').set('Authorization', `Bearer ${operator}`);
    const unit1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    expect(units.status).toBe(200);
    const dispatch = await api.http().post(`/api/tickets/${ticketId}/dispatch`).set('Authorization', `Bearer ${operator}`).send({ unitId: unit1.id });
    expect(dispatch.status).toBe(200);
  });
  afterAll(async () => api?.close());

  it('lists the API routes from the router itself', () => {
    const routes = listRoutes(api.app).filter(([, p]) => p.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(['POST', '/api/tickets/:id/dispatch']);
  });

  it('refuses every route without a login, except logging in, a signed attachment link and the citizens’ own routes', async () => {
    const routes = listRoutes(api.app).filter(([m, p]) => p.startsWith('/api/') && !p.startsWith('/api/docs') && !PUBLIC.has(`${m} ${p}`));
    const open: string[] = [];
    for (const [method, path] of routes) {
      const url = path.replace(/:[a-zA-Z]+/g, String(ticketId));
      const res = await api.http()[method.toLowerCase() as 'get'](url).send({});
      if (res.status !== 401) open.push(`${method} ${path} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses an expired or made-up token', async () => {
    const res = await api.http().get('/api/tickets').set('Authorization', 'Bearer not-a-real-token');
    expect(res.status).toBe(401);
  });

  it("answers 404 to a unit user on every route of another unit's ticket, and never shows its data", async () => {
    const other = await api.login('unit2');
    const routes = listRoutes(api.app).filter(([, p]) => p.startsWith('/api/tickets/:id'));
    expect(routes.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const [method, path] of routes) {
      const url = path.replace(':id', String(ticketId)).replace(/:[a-zA-Z]+/g, '1');
      const res = await api
        .http()
        [method.toLowerCase() as 'get'](url)
        .set('Authorization', `Bearer ${other}`)
        .send({ reason: '不是我们的', outcome: 'resolved', text: 'x', days: 3, rating: '满意', unitId: 1, targetTicketId: ticketId });
      if (res.status !== 404 || JSON.stringify(res.body).includes('湖滨新村')) leaks.push(`${method} ${path} -> ${res.status}`);
    }
    expect(leaks).toEqual([]);
    const list = await api.http().get('/api/tickets').set('Authorization', `Bearer ${other}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { id: number }) => t.id)).not.toContain(ticketId);
  });

  it('lets the unit that holds the ticket see it and act on it', async () => {
    const owner = await api.login('unit1');
    const detail = await api.http().get(`/api/tickets/${ticketId}`).set('Authorization', `Bearer ${owner}`);
    expect(detail.status).toBe(200);
    expect(detail.body.text).toContain('湖滨新村');
    const ack = await api.http().post(`/api/tickets/${ticketId}/acknowledge`).set('Authorization', `Bearer ${owner}`);
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
  });

  it('keeps operators out of unit actions and units out of operator actions', async () => {
    const res = await api
      .http()
      .post(`/api/tickets/${ticketId}/reply`)
      .set('Authorization', `Bearer ${operator}`)
      .send({ outcome: 'resolved', text: '已处理' });
    expect(res.status).toBe(403);
    const owner = await api.login('unit1');
    const close = await api.http().post(`/api/tickets/${ticketId}/close`).set('Authorization', `Bearer ${owner}`).send({});
    expect(close.status).toBe(403);
  });

  it('says which field is wrong and why', async () => {
    const res = await api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).send({ text: '', email: 'not-mail', urgency: 'very' });
    expect(res.status).toBe(400);
    const msg = JSON.stringify(res.body.message);
    expect(msg).toMatch(/text/);
    expect(msg).toMatch(/email must be an e-mail address/);
    expect(msg).toMatch(/urgency/);
    // One reason a field, the one to act on.
    const missing = await api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).send({});
    expect(missing.body.message).toEqual(['text 不能为空：请填写诉求内容']);
    const blank = await api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).send({ text: ' \n  ' });
    expect(blank.body.message).toEqual(['text 不能为空：请填写诉求内容']);
    const short = await api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).send({ text: 'x' });
    expect(short.body.message).toEqual(['text 太短：请填写诉求内容（至少 2 个字）']);
  });

  it('pauses logins to an account from an address after five wrong passwords from it', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api.http().post('/api/auth/login').send({ username: 'supervisor', password: 'wrong' });
      expect(res.status).toBe(401);
    }
    const locked = await api.http().post('/api/auth/login').send({ username: 'supervisor', password: 'hub12345' });
    expect(locked.status).toBe(429);
  });
});
