import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';

// `hub import hotline` as a person runs it, from the TypeScript sources, on a SQLite file.
const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

describe('hub import hotline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const hub = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, HUB_DATA_DIR: join(dir, 'data'), HUB_CONFIG_DIR: join(ROOT, 'config') },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('imports a GBK export with a title row and prints the counts and the rejects report as JSON', () => {
    expect(hub('db', 'migrate').code).toBe(0);
    const file = join(dir, '工单导出.csv');
    writeFileSync(
      file,
      iconv.encode(
        [
          '青禾市12345热线工单明细（2025年3月2日）',
          '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度',
          'C-1,2025-03-02 09:15,13800000071,王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般',
          'C-2,2025-03-02 09:20,13800000072,李女士,区长公开电话,,西湖区,紧急',
          'C-1,2025-03-02 09:15,13800000071,王先生,市长公开电话,幸福路路灯不亮,东湖区幸福路,一般',
        ].join('\r\n') + '\r\n',
        'gbk',
      ),
    );
    const r = hub('import', 'hotline', file, '--source', 'standard', '--json', '--no-queue');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['rows', 'imported', 'duplicates', 'rejected', 'rejects']);
    expect(out).toMatchObject({ rows: 3, imported: 1, duplicates: 1, rejected: 1 });
    expect(readFileSync(out.rejects as string, 'utf8')).toContain('4,缺少必填项：诉求内容,');
  });

  it('says in one line, with exit 1, that a folder is not an export file', () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    const r = hub('import', 'hotline', folder, '--source', 'standard');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^hub: not a file: .*exports/)]);
  });
});
