import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `hub import history` and `hub report summary` as an office runs them on a fresh database: migrate,
// import, report — nothing else run before (no `db seed`, no `npm start`).
const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    source: '区长公开电话',
    channel: 'hotline',
    text: '反映占道经营',
    category: '城市管理/占道经营',
    region: '东湖区',
    disposition: 'dispatched',
    unit: '东湖区城市管理局',
    acknowledgedAt: null,
    repliedAt: null,
    closedAt: null,
    replyDueAt: null,
    outcome: null,
    rating: null,
    ...o,
  });

describe('hub import history, then hub report summary, on a fresh database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-history-'));
  const hub = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, HUB_DATA_DIR: join(dir, 'data'), HUB_CONFIG_DIR: join(ROOT, 'config') },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports units of units.yaml, a dispatched ticket whose unit was not kept, and counts a closed ticket as replied', () => {
    expect(hub('db', 'migrate').code).toBe(0);
    writeFileSync(
      join(dir, 'history.jsonl'),
      [
        // Replied and closed in time, 满意.
        line({
          id: 'A1',
          receivedAt: '2025-03-02T09:15:00+08:00',
          acknowledgedAt: '2025-03-02T11:00:00+08:00',
          repliedAt: '2025-03-06T16:00:00+08:00',
          closedAt: '2025-03-07T10:00:00+08:00',
          replyDueAt: '2025-03-09T18:00:00+08:00',
          outcome: 'resolved',
          rating: '满意',
        }),
        // The old system kept only 办结时间 (no 反馈时间): closed, so replied; resolved.
        line({ id: 'A2', receivedAt: '2025-12-31T15:59:59Z', closedAt: '2026-01-05T10:00:00+08:00', outcome: 'resolved', rating: '基本满意' }),
        // The unit was not kept: still received and dispatched, open.
        line({ id: 'A3', receivedAt: '2025-01-01T00:00:00+08:00', unit: null }),
        // 1 January 00:30 Beijing time, written in UTC: the next year.
        line({ id: 'A4', receivedAt: '2025-12-31T16:30:00Z', disposition: 'direct_answer', unit: null }),
      ].join('\n') + '\n',
    );
    const imported = hub('import', 'history', join(dir, 'history.jsonl'), '--json');
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ lines: 4, imported: 4, rejected: 0 });

    const r = hub('report', 'summary', '--from', '2025-01-01', '--to', '2025-12-31');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.received).toEqual({ total: 3, byChannel: { hotline: 3, mailbox: 0, web: 0 }, bySource: { 区长公开电话: 3 } });
    expect(s.dispositions).toEqual({ directAnswer: 0, serviceProvided: 0, dispatched: 3, invalid: 0, merged: 0 });
    expect(s.dispatched).toMatchObject({ total: 3, replied: 2, repliedOnTime: 2, closed: 2 });
    expect(s.rates).toMatchObject({ feedbackRate: 0.6667, completionRate: 0.6667, resolutionRate: 1, satisfactionRate: 1 });
  });
});

describe('hub report summary mistakes', () => {
  // No database at all: the mistake is found before one is needed.
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hub = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'none.sqlite')}`, HUB_DATA_DIR: dir, HUB_CONFIG_DIR: join(ROOT, 'config') },
    });

  it('says what is wrong in one line and exits non-zero, for a missing option as for a bad date', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--from', '2025-01-01'], /^hub: required option '--to <date>' not specified/],
      [['--from', '2025-02-29', '--to', '2025-03-01'], /^hub: from must be a date YYYY-MM-DD, got "2025-02-29"$/],
      [['--from', '2025-12-31', '--to', '2025-01-01'], /^hub: from \(2025-12-31\) is after to \(2025-01-01\)$/],
    ];
    for (const [args, message] of cases) {
      const r = hub('report', 'summary', ...args);
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
