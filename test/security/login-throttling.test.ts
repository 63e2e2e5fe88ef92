import request from 'supertest';
import { ApiHarness, startApi } from '@hub/testing';

/** Audit rows are written beside the request: wait until the one looked for is there. */
async function auditRow(api: ApiHarness, adminToken: string, match: (row: AuditRow) => boolean): Promise<AuditRow> {
  for (let i = 0; i < 100; i++) {
    const res = await api.http().get('/api/admin/audit').set('Authorization', `Bearer ${adminToken}`);
    const row = (res.body as AuditRow[]).find(match);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no such audit row');
}
interface AuditRow {
  username: string | null;
  action: string;
  path: string;
  status: number;
  ip: string | null;
  detail: { event?: string; error?: string } | null;
}

describe('login throttling (#3) and audited refusals (#10)', () => {
  let api: ApiHarness;
  let admin: string;
  const login = (username: string, password: string, ip: string, app = api.http()) =>
    app.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  beforeAll(async () => {
    // The test client is the "proxy": it names each login's address.
    api = await startApi({ HUB_TRUSTED_PROXIES: 'loopback' });
    admin = await api.login('admin');
  }, 60_000);
  afterAll(async () => api?.close());

  it('pauses a guesser on one address after five wrong passwords, while the owner elsewhere logs in', async () => {
    for (let i = 0; i < 5; i++) expect((await login('supervisor', 'wrong', '203.0.113.9')).status).toBe(401);
    const paused = await login('supervisor', 'hub12345', '203.0.113.9');
    expect(paused.status).toBe(429);
    expect(paused.body.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    expect((await login('supervisor', 'hub12345', '10.1.1.1')).status).toBe(200);
    const failed = await auditRow(api, admin, (r) => r.detail?.event === 'login-failed' && r.username === 'supervisor');
    expect(failed).toMatchObject({ path: '/api/auth/login', status: 401, ip: '203.0.113.9' });
    expect(await auditRow(api, admin, (r) => r.detail?.event === 'login-throttled')).toMatchObject({ username: 'supervisor', status: 429, ip: '203.0.113.9' });
  });

  it('lets strangers on many addresses pause an account for 30 s at most, and an admin lift it at once', async () => {
    for (let i = 1; i <= 12; i++) await login('unit1', `guess-${i}`, `198.51.100.${i}`);
    const paused = await login('unit1', 'hub12345', '10.1.1.2');
    expect(paused.status).toBe(429);
    expect(Number(/请 (\d+) 秒后再试/.exec(paused.body.message)?.[1])).toBeLessThanOrEqual(30);
    const users = await api.http().get('/api/admin/users').set('Authorization', `Bearer ${admin}`);
    const unit1 = (users.body as Array<{ id: number; username: string; lockedUntil: string | null }>).find((u) => u.username === 'unit1')!;
    expect(unit1.lockedUntil).not.toBeNull();
    const supervisor = await api.login('supervisor');
    expect((await api.http().post(`/api/admin/users/${unit1.id}/unlock`).set('Authorization', `Bearer ${supervisor}`)).status).toBe(403);
    const unlock = await api.http().post(`/api/admin/users/${unit1.id}/unlock`).set('Authorization', `Bearer ${admin}`);
    expect(unlock.status).toBe(200);
    expect(unlock.body).toMatchObject({ username: 'unit1', cleared: expect.any(Number) });
    expect((await login('unit1', 'hub12345', '10.1.1.2')).status).toBe(200);
    expect(await auditRow(api, admin, (r) => r.detail?.event === 'account-unlocked')).toMatchObject({
      username: 'admin',
      path: '/api/admin/users/:userId/unlock',
    });
  });

  it('lets an office of 30 behind one address log in within a minute, typos included, without a 429', async () => {
    const names = ['operator', 'unit2', 'unit3', 'district', 'supervisor', 'admin'];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      if (i % 10 === 3) statuses.push((await login(names[i % names.length], 'hub1234', '192.0.2.50')).status);
      statuses.push((await login(names[i % names.length], 'hub12345', '192.0.2.50')).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses).not.toContain(429);
  });

  it('keeps the counts in the database: another API process on the same database pauses the same guesser', async () => {
    const { createApiApp } = await import('../../apps/api/src/bootstrap');
    const second = await createApiApp(api.config, { logger: false });
    await second.init();
    try {
      for (let i = 0; i < 5; i++) expect((await login('operator', 'wrong', '203.0.113.77')).status).toBe(401);
      expect((await login('operator', 'hub12345', '203.0.113.77', request(second.getHttpServer()))).status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('answers an unknown username exactly as an existing one', async () => {
    const answers = async (username: string, ip: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await login(username, 'wrong', ip);
        out.push(`${res.status} ${String(res.body.message).replace(/\d+/g, 'N')}`);
      }
      return out;
    };
    const known = await answers('district', '203.0.113.20');
    expect(await answers('no.such.user', '203.0.113.21')).toEqual(known);
    expect(known.slice(4)).toEqual(['401 用户名或密码错误', '429 登录失败次数过多，请 N 秒后再试', '429 登录失败次数过多，请 N 秒后再试']);
  });

  it('writes refused attempts to the audit log with user, address and the route pattern', async () => {
    const operator = await api.login('operator');
    expect((await api.http().get('/api/admin/users').set('Authorization', `Bearer ${operator}`).set('X-Forwarded-For', '10.9.9.9')).status).toBe(403);
    expect(await auditRow(api, admin, (r) => r.status === 403 && r.username === 'operator')).toMatchObject({
      action: 'refused',
      path: '/api/admin/users',
      ip: '10.9.9.9',
      detail: { event: 'forbidden' },
    });
    expect((await api.http().get('/api/tickets?status=open').set('X-Forwarded-For', '10.9.9.8')).status).toBe(401);
    expect(await auditRow(api, admin, (r) => r.status === 401 && r.ip === '10.9.9.8')).toMatchObject({
      path: '/api/tickets',
      detail: { event: 'unauthenticated' },
    });
    const unit = await api.login('unit2');
    expect((await api.http().get('/api/tickets/987654').set('Authorization', `Bearer ${unit}`)).status).toBe(404);
    expect(await auditRow(api, admin, (r) => r.status === 404 && r.username === 'unit2')).toMatchObject({
      path: '/api/tickets/:id',
      detail: { event: 'not-found' },
    });
  });
});
