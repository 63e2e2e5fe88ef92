import { spawn } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { sharedStringsBomb, sheetBomb, writeZip } from './support/xlsx-bomb';

const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/read-export.ts');

/** Reads the file in a child process with a 256 MB heap, as a worker would (it must answer, not crash). */
function readInChild(file: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: Record<string, unknown> | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', '-r', REGISTER, CHILD, file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      resolve({ code, out: line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : null, err: err.slice(-2000) });
    });
  });
}

describe('an XLSX zip bomb (#2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-zipbomb-'));

  it('refuses a small file whose shared strings unpack to 600 MB, with a reason, in bounded memory', async () => {
    const file = join(dir, 'shared-strings-bomb.xlsx');
    const size = await writeZip(file, sharedStringsBomb(600));
    expect(size).toBeLessThan(5 * 1024 * 1024);
    const r = await readInChild(file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(String(r.out?.unreadable)).toMatch(/xl\/sharedStrings\.xml 超过 100 MB.*压缩炸弹.*expands too far/);
  }, 120_000);

  it('counts the real bytes when the zip lies about their size', async () => {
    const file = join(dir, 'lying-bomb.xlsx');
    await writeZip(file, sharedStringsBomb(600), { lie: true });
    const r = await readInChild(file);
    expect(r.code).toBe(0);
    expect(String(r.out?.unreadable)).toMatch(/xl\/sharedStrings\.xml 超过 100 MB/);
  }, 120_000);

  it('refuses a sheet that unpacks past HUB_XLSX_MAX_ENTRY_MB', async () => {
    const file = join(dir, 'sheet-bomb.xlsx');
    await writeZip(file, sheetBomb(40), { lie: true });
    const r = await readInChild(file, { HUB_XLSX_MAX_ENTRY_MB: '20' });
    expect(r.code).toBe(0);
    expect(String(r.out?.unreadable)).toMatch(/xl\/worksheets\/sheet1\.xml 超过 20 MB（上限由 HUB_XLSX_MAX_ENTRY_MB 设定）/);
  }, 120_000);

  it('still reads an ordinary workbook written the same way', async () => {
    const file = join(dir, 'small.xlsx');
    await writeZip(file, sharedStringsBomb(1));
    const r = await readInChild(file);
    expect(r.out).toMatchObject({ rows: 1, rejects: 0 });
  }, 60_000);
});
