/**
 * SIGTERM to an API process (#22), started as apps/api/src/main.ts starts it: the listening socket
 * closes at once (new connections are refused, so a proxy sends them elsewhere), a request in
 * flight is still answered in full, and the process then ends by itself.
 */
import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { connect, Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { openDatabase } from '@hub/database';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';

const REGISTER = join(__dirname, '../support/swc-register.js');
const MAIN = join(__dirname, '../../apps/api/src/main.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

describe('an API process told to stop (SIGTERM)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let proc: ChildProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-drain-api-'));
  let out = '';

  beforeAll(async () => {
    db = await createMysqlDatabase('hubdrain');
    const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, HUB_QUEUE_PREFIX: `{${uniqueName('drainapi')}}`, HUB_DATA_DIR: dataDir };
    const ds = await openDatabase(loadConfig(env).env.database, { migrate: true });
    await ds.destroy();
    proc = spawn(process.execPath, ['-r', REGISTER, MAIN], { env: { ...env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  }, 60_000);

  afterAll(async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses new connections at once, answers the request in flight, then ends', async () => {
    const end = Date.now() + 45_000;
    let port = 0;
    while (!port) {
      port = Number(/api: listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1] ?? 0);
      if (Date.now() > end) throw new Error(`the API did not start:\n${out}`);
      await sleep(100);
    }
    const ended = new Promise<string>((r) => proc.once('exit', (code, signal) => r(signal ?? `code ${code}`)));
    // A login whose body is only half sent when the signal comes.
    const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
    const socket = await open(port);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await sleep(300);
    proc.kill('SIGTERM');
    while (!/SIGTERM: taking no new connections/.test(out)) await sleep(20);
    await sleep(300);
    await expect(open(port)).rejects.toThrow(/ECONNREFUSED/);
    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toContain('"statusCode":401');
    expect(await ended).toMatch(/SIGTERM|code 0/);
  }, 90_000);
});
