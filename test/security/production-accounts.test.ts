import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiHarness, startApi, TEST_REDIS_URL } from '@hub/testing';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');

describe('production mode has no default credential (#5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-prod-'));
  // The shipped configuration with a fifth of one training file: start-up trains its routing model quickly.
  const configDir = join(dir, 'config');
  cpSync(join(ROOT, 'config'), configDir, { recursive: true });
  const training = join(configDir, 'training');
  const keep = readFileSync(join(training, 'demo-city.jsonl'), 'utf8').split('\n').slice(0, 120).join('\n');
  for (const f of readdirSync(training)) rmSync(join(training, f));
  writeFileSync(join(training, 'demo-city.jsonl'), keep + '\n');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`,
    HUB_DATA_DIR: dir,
    HUB_CONFIG_DIR: configDir,
    HUB_LINK_SECRET: 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(8),
    REDIS_URL: TEST_REDIS_URL,
    HUB_QUEUE_PREFIX: `{prodtest${process.pid}}`,
    HUB_DEMO_PASSWORD: '',
    HUB_ADMIN_PASSWORD: '',
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hub = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, ['-r', REGISTER, join(ROOT, 'apps/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      env,
      input,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const rows = <T>(sql: string): T[] => {
    const db = new Database(join(dir, 'hub.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  it('hub db seed creates the directory but no account', () => {
    expect(hub(['db', 'migrate']).code).toBe(0);
    const seed = hub(['db', 'seed']);
    expect(seed.code).toBe(0);
    expect(seed.out).toContain('production: no demo accounts (first administrator: hub user create-admin)');
    expect(rows('SELECT id FROM users')).toEqual([]);
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM units')[0].n).toBeGreaterThan(0);
  }, 120_000);

  it('npm start creates no account and imports no demo call, and says how to make the first administrator', async () => {
    // scripts/start.ts run from source: everything up to starting the API and worker is what counts here.
    const child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, 'scripts/start.ts')], { cwd: ROOT, env: { ...env, PORT: '0' }, detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => (out.includes('Ctrl-C stops everything') ? resolve() : undefined);
        child.stdout.on('data', check);
        child.once('exit', () => reject(new Error(`start exited: ${out}`)));
      });
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
    expect(out).toContain('production mode: no accounts and no demo data; create the first administrator with `npx hub user create-admin --username NAME`');
    expect(out).not.toContain('demo accounts');
    expect(rows('SELECT id FROM users')).toEqual([]);
    expect(rows('SELECT id FROM tickets')).toEqual([]);
  }, 180_000);

  it('hub user create-admin takes the password from stdin, refusing a weak one in Chinese', () => {
    const weak = hub(['user', 'create-admin', '--username', 'chief', '--password-stdin'], 'hub12345\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码至少 10 个字符');
    const made = hub(['user', 'create-admin', '--username', 'chief', '--password-stdin', '--json'], 'Harbour-gate-2025\n');
    expect(made.err).toBe('');
    expect(JSON.parse(made.out)).toEqual({ id: 1, username: 'chief', role: 'admin' });
    expect(rows('SELECT username, role, mustChangePassword FROM users')).toEqual([{ username: 'chief', role: 'admin', mustChangePassword: 0 }]);
    const again = hub(['user', 'create-admin', '--username', 'chief', '--password-stdin'], 'Harbour-gate-2025\n');
    expect(again.code).toBe(1);
    expect(again.err).toContain('username chief is taken');
  }, 120_000);
});

describe('accounts an administrator makes (#5)', () => {
  let api: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    admin = await api.login('admin');
  }, 60_000);
  afterAll(async () => api?.close());

  const as = (token: string) => ({
    get: (path: string) => api.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => api.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => api.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const logIn = (username: string, password: string) => api.http().post('/api/auth/login').send({ username, password });

  it('must change the password an administrator gave before doing anything else', async () => {
    const weak = await as(admin).post('/api/admin/users', { username: 'clerk.li', displayName: '话务员 李', role: 'operator', password: 'hub12345' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toContain('密码至少 10 个字符');
    const created = await as(admin).post('/api/admin/users', { username: 'clerk.li', displayName: '话务员 李', role: 'operator', password: 'Temp-pass-2025' });
    expect(created.status).toBe(201);
    const first = await logIn('clerk.li', 'Temp-pass-2025');
    expect(first.body.user.mustChangePassword).toBe(true);
    const clerk = as(first.body.token);
    const refused = await clerk.get('/api/tickets');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('请先修改密码');
    expect((await clerk.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    const short = await clerk.post('/api/auth/password', { currentPassword: 'Temp-pass-2025', newPassword: 'abc12' });
    expect(short.status).toBe(400);
    expect(short.body.message).toBe('密码至少 10 个字符');
    const wrong = await clerk.post('/api/auth/password', { currentPassword: 'guess', newPassword: 'my own words 7' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('当前密码不正确');
    expect((await clerk.post('/api/auth/password', { currentPassword: 'Temp-pass-2025', newPassword: 'my own words 7' })).status).toBe(200);
    expect((await clerk.get('/api/tickets')).status).toBe(200);
    expect((await logIn('clerk.li', 'my own words 7')).body.user.mustChangePassword).toBe(false);
  });

  it('resets a password (the user must change it again, their sessions end) and disables an account', async () => {
    const users = await as(admin).get('/api/admin/users');
    const clerk = (users.body as Array<{ id: number; username: string; mustChangePassword: boolean }>).find((u) => u.username === 'clerk.li')!;
    expect(clerk.mustChangePassword).toBe(false);
    const session = (await logIn('clerk.li', 'my own words 7')).body.token as string;
    expect((await as(admin).patch(`/api/admin/users/${clerk.id}`, { password: 'Reset-pass-2025' })).status).toBe(200);
    expect((await as(session).get('/api/auth/me')).status).toBe(401);
    expect((await logIn('clerk.li', 'Reset-pass-2025')).body.user.mustChangePassword).toBe(true);
    expect((await as(admin).patch(`/api/admin/users/${clerk.id}`, { active: false })).status).toBe(200);
    expect((await logIn('clerk.li', 'Reset-pass-2025')).status).toBe(401);
    const events = async () => ((await as(admin).get('/api/admin/audit')).body as Array<{ detail: { event?: string } | null }>).map((r) => r.detail?.event);
    for (let i = 0; i < 100 && !(await events()).includes('user-disabled'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await events()).toEqual(expect.arrayContaining(['user-created', 'password-changed', 'password-reset', 'user-disabled']));
  });
});
