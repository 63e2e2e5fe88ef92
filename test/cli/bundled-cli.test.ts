/**
 * `npx hub` as installed: bin/hub.js runs the one-file bundle the build writes (scripts/bundle-cli.js)
 * with its V8 code cache. The other CLI tests run the TypeScript sources; this one runs what a user
 * runs, so a module the bundle leaves out, a decorator it loses or a parse worker it cannot find shows
 * here: migrate, a GBK export, a history file, the summary, a reminder sweep, and a mailbox poll of a
 * real Dovecot (letters parsed beside the poll on the bundled parse worker once it has started).
 */
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { DovecotServer, startDovecot } from '@hub/testing';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'apps', 'cli', 'bundle', 'hub.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs);
}

/** Builds the server and the bundle (build:cli) when the sources are newer than it (`npm ci` builds it too). */
function ensureBundled(): void {
  const sources = ['apps/cli/src', 'libs', 'scripts/bundle-cli.js', 'bin/hub.js'].map((p) => join(ROOT, p));
  if (existsSync(BUNDLE) && Math.max(...sources.map(newestMtime)) <= statSync(BUNDLE).mtimeMs) return;
  for (const script of ['build:server', 'build:cli']) {
    const r = spawnSync('npm', ['run', script, '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`npm run ${script} failed:\n${r.stdout}\n${r.stderr}`);
  }
}

const letter = (i: number) =>
  [
    `From: =?UTF-8?B?${Buffer.from(`市民${i}`).toString('base64')}?= <citizen${i}@example.cn>`,
    'To: mayor@qinghe.example',
    `Subject: =?UTF-8?B?${Buffer.from(`反映幸福路第${i}号路灯不亮`).toString('base64')}?=`,
    `Message-ID: <bundled-${i}@example.cn>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`东湖区幸福路第${i}号路灯已经坏了一个星期，晚上行人看不清路，请尽快修复。`).toString('base64'),
    '',
  ].join('\r\n');

describe('hub as installed (bin/hub.js, the bundled command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bundled-'));
  const configDir = join(dir, 'config');
  let dovecot: DovecotServer;

  beforeAll(async () => {
    ensureBundled();
    dovecot = await startDovecot({ users: [{ user: 'mayor', password: 'secret' }] });
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'mailboxes.yaml'),
      `mailboxes:\n  - { name: 市长信箱, host: ${dovecot.host}, port: ${dovecot.port}, secure: false, user: mayor, password: secret, after: seen }\n`,
    );
  }, 900_000);
  afterAll(async () => {
    await dovecot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (timeout: number, ...args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'hub.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, HUB_DATA_DIR: join(dir, 'data'), HUB_CONFIG_DIR: configDir, LOG_LEVEL: 'warn' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const hub = (...args: string[]) => run(300_000, ...args);

  it('migrates, imports an export and a history file, reports and sweeps, each answer as INTERFACES.md says', () => {
    expect(hub('db', 'migrate')).toMatchObject({ code: 0 });
    const file = join(dir, '导出.csv');
    const rows = [
      '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度',
      'B-1,2026-03-02 09:15,13800000081,王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般',
    ];
    writeFileSync(file, iconv.encode(rows.join('\r\n') + '\r\n', 'gbk'));
    const imported = hub('import', 'hotline', file, '--source', 'standard', '--json', '--no-queue');
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 1, imported: 1, duplicates: 0, rejected: 0 });

    const history = join(dir, 'history.jsonl');
    const past = {
      id: 'H-1',
      source: '区长公开电话',
      channel: 'hotline',
      receivedAt: '2025-03-02T09:15:00+08:00',
      text: '占道经营',
      category: '城市管理/占道经营',
    };
    writeFileSync(
      history,
      JSON.stringify({ ...past, region: '东湖区', disposition: 'dispatched', unit: '东湖区城市管理局', outcome: 'resolved', rating: '满意' }) + '\n',
    );
    expect(JSON.parse(hub('import', 'history', history, '--json').stdout)).toMatchObject({ imported: 1 });

    const summary = JSON.parse(hub('report', 'summary', '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'json').stdout);
    expect(summary.received).toMatchObject({ total: 1, bySource: { 区长公开电话: 1 } });
    const sweep = hub('deadlines', 'sweep', '--json');
    expect(sweep.code).toBe(0);
    expect(JSON.parse(sweep.stdout)).toHaveProperty('byStage');

    const missing = hub('import', 'hotline', join(dir, 'nowhere.csv'), '--source', 'standard');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^hub: file not found: /);
  }, 300_000);

  it('polls a mailbox of 300 letters into 300 tickets, and a second poll takes none again', async () => {
    expect(hub('db', 'migrate').code).toBe(0);
    for (let i = 1; i <= 300; i++) await dovecot.append('mayor', 'INBOX', letter(i));
    const first = hub('mailbox', 'poll', '--json', '--no-queue');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toEqual({ 市长信箱: expect.objectContaining({ fetched: 300, created: 300, quarantined: 0 }) });
    const again = hub('mailbox', 'poll', '--json', '--no-queue');
    expect(JSON.parse(again.stdout)).toEqual({ 市长信箱: expect.objectContaining({ fetched: 0, created: 0 }) });
  }, 300_000);

  // A poll started by cron must end: one letter starts the parse thread, is parsed here while the
  // thread loads, and the thread that never got a letter must not hold the process open (it did:
  // the command printed its answer and then hung until killed).
  it('ends by itself after a poll whose parse thread never got a letter', async () => {
    expect(hub('db', 'migrate').code).toBe(0);
    await dovecot.append('mayor', 'INBOX', letter(1001));
    const poll = run(60_000, 'mailbox', 'poll', '--json', '--no-queue');
    expect(poll).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(poll.stdout)).toEqual({ 市长信箱: expect.objectContaining({ fetched: 1, created: 1 }) });
  }, 300_000);
});
