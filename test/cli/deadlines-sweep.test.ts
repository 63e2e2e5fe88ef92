import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';

// `hub deadlines sweep --now` as a person runs it, from the TypeScript sources.
const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

describe('hub deadlines sweep --now', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-sweep-'));
  const env = {
    ...process.env,
    HUB_DATA_DIR: dir,
    HUB_CONFIG_DIR: join(ROOT, 'config'),
    DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`,
    REDIS_URL: TEST_REDIS_URL,
    HUB_QUEUE_PREFIX: `{${uniqueName('sweepcli')}}`,
  };
  const hub = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a day that does not exist instead of sweeping as if it were the next month', () => {
    const r = hub('deadlines', 'sweep', '--now', '2025-02-30T09:00:00+08:00', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^hub: --now 2025-02-30T09:00:00\+08:00: not a date or time that exists; write ISO 8601/);
  });

  it('reads a time without a zone as Beijing time', () => {
    expect(hub('db', 'migrate').code).toBe(0);
    const r = hub('deadlines', 'sweep', '--now', '2025-02-05 05:00', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).now).toBe('2025-02-04T21:00:00.000Z');
  });
});
