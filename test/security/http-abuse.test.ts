import { openDatabase } from '@hub/database';
import { ApiHarness, startApi } from '@hub/testing';

const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const wide = (n: number) =>
  JSON.stringify(Object.fromEntries([['username', 'admin'], ['password', 'x'], ...Array.from({ length: n }, (_, i) => [`k${i}`, i])]));

describe('requests a stranger can send without logging in (#4, #11)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => api?.close());

  it('answers a login with 80,000 extra properties at once with 413, and /health meanwhile', async () => {
    const body = wide(80_000);
    expect(body.length).toBeGreaterThan(800_000);
    const started = Date.now();
    const [login, health] = await Promise.all([
      api.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body),
      new Promise((r) => setTimeout(r, 20)).then(() => api.http().get('/health')),
    ]);
    expect(login.status).toBe(413);
    expect(login.body.message).toMatch(/request body too large: at most 4kb/);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses 60,000 properties elsewhere with 400 before validation, in well under a second', async () => {
    const started = Date.now();
    const res = await api.http().post('/api/tickets').set('Content-Type', 'application/json').send(wide(60_000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/more than 2000 properties/);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers JSON nested 5,000 deep with 400 (413 at the login), never 500', async () => {
    const res = await api.http().post('/api/tickets').set('Content-Type', 'application/json').send(deep(5000));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested deeper than 32 levels/);
    const login = await api.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep(5000));
    expect(login.status).toBe(413);
    const shallowLogin = await api
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${deep(100)},"password":"x"}`);
    expect(shallowLogin.status).toBe(400);
  });

  it('still logs in with an ordinary body', async () => {
    expect(await api.login('admin')).toMatch(/\w{20,}/);
  });

  it('sends a strict CSP, frame-ancestors none, nosniff and a Referrer-Policy', async () => {
    for (const path of ['/', '/health', '/api/tickets']) {
      const res = await api.http().get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves /metrics to this machine only, not to a request relayed by a proxy', async () => {
    expect((await api.http().get('/metrics')).status).toBe(200);
    const relayed = await api.http().get('/metrics').set('X-Forwarded-For', '203.0.113.7');
    expect(relayed.status).toBe(403);
  });

  it('believes no X-Forwarded-For by default: spoofed addresses are neither recorded nor a way round the login limit', async () => {
    const token = (await api.http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ username: 'operator', password: 'hub12345' })).body
      .token;
    expect(token).toBeTruthy();
    const ds = await openDatabase(api.config.env.database);
    try {
      const rows: Array<{ ip: string }> = await ds.query('SELECT ip FROM auth_sessions ORDER BY id DESC LIMIT 1');
      expect(rows[0].ip).not.toContain('203.0.113.9');
      expect(rows[0].ip).toMatch(/127\.0\.0\.1|::1/);
    } finally {
      await ds.destroy();
    }
    // Fifty failures from one address (each under another name) pause the address; spoofing
    // X-Forwarded-For does not make them fifty addresses.
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) {
      statuses.push(
        (
          await api
            .http()
            .post('/api/auth/login')
            .set('X-Forwarded-For', `198.51.100.${i + 1}`)
            .send({ username: `nobody${i}`, password: 'x' })
        ).status,
      );
    }
    expect(statuses).toContain(429);
  });
});

describe('settings for /metrics, /api/docs and proxies (#11)', () => {
  it('asks for HUB_METRICS_TOKEN when it is set, and hides /api/docs with HUB_API_DOCS=off', async () => {
    const api = await startApi({ HUB_METRICS_TOKEN: 'metrics-token-0123456789', HUB_API_DOCS: 'off', HUB_TRUSTED_PROXIES: 'loopback' });
    try {
      expect((await api.http().get('/metrics')).status).toBe(401);
      expect((await api.http().get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
      expect((await api.http().get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789')).status).toBe(200);
      expect((await api.http().get('/api/docs/openapi.json')).status).toBe(404);
      // A configured proxy is believed.
      await api.http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.10').send({ username: 'operator', password: 'hub12345' });
      const ds = await openDatabase(api.config.env.database);
      try {
        const rows: Array<{ ip: string }> = await ds.query('SELECT ip FROM auth_sessions ORDER BY id DESC LIMIT 1');
        expect(rows[0].ip).toBe('203.0.113.10');
      } finally {
        await ds.destroy();
      }
    } finally {
      await api.close();
    }
  }, 60_000);

  it('turns /api/docs off in production unless asked for', async () => {
    const { loadConfig } = await import('@hub/config');
    expect(loadConfig({ ...process.env, NODE_ENV: 'production' }).env.security.apiDocs).toBe(false);
    expect(loadConfig({ ...process.env, NODE_ENV: 'production', HUB_API_DOCS: 'on' }).env.security.apiDocs).toBe(true);
    expect(loadConfig({ ...process.env, NODE_ENV: 'test' }).env.security.apiDocs).toBe(true);
    expect(loadConfig({ ...process.env, HUB_BIND: '' }).env.security.bind).toBe('127.0.0.1');
  });
});
