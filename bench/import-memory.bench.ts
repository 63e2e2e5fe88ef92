/**
 * Memory of `hub import hotline` as a whole process (node dist/apps/cli/src/main.js, MariaDB) as the
 * export grows: for each size a GBK CSV of that many rows (about --row-bytes bytes each, default
 * 200: 5,000,000 rows is about 1 GB) is written, a fresh database migrated, and the command run
 * with --no-queue. Its resident memory is read from /proc every 200 ms: peak (VmHWM), and RSS at
 * each quarter of the run, so a curve that stays flat within a run and across sizes is seen.
 *
 *   npm run bench:import-memory [-- --rows 100000,1000000,5000000] [--row-bytes 200]
 *
 * Needs MariaDB (TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306/test).
 */
import 'reflect-metadata';
import { spawn } from 'child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import iconv from 'iconv-lite';
import { loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory } from '@hub/database';
import { createMysqlDatabase } from '../test/support/services';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = process.env.BENCH_CLI_MAIN ?? join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const MB = 1024 * 1024;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SIZES = arg('rows', '100000,1000000,5000000')
  .split(',')
  .map((s) => Number(s.replace(/_/g, '')));
const ROW_BYTES = Number(arg('row-bytes', '200'));
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !(ROW_BYTES >= 80)) throw new Error('--rows takes whole numbers, --row-bytes at least 80');

const PLACES = ['幸福路', '和平街', '人民路', '东湖公园', '湖滨新村', '建设大道', '解放路', '滨江小区', '火车站广场', '第一中学'];
const ISSUES = ['夜间施工噪音扰民', '下水道堵塞污水外溢', '路灯损坏行人危险', '占道经营堵塞人行道', '电梯经常停运', '垃圾清运不及时'];
const FILLER = '希望有关部门尽快核实处理并给予答复，谢谢。';

/** A GBK export of `rows` rows, written in chunks (never whole in memory); its size in bytes. */
async function writeExport(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(iconv.encode(s, 'gbk')) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度\r\n');
  const base = Date.UTC(2024, 0, 1, 1);
  for (let from = 0; from < rows; from += 5000) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(rows, from + 5000); i++) {
      const place = PLACES[(i * 7) % PLACES.length];
      const at = new Date(base + i * 6_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      const head = `GD${String(i).padStart(9, '0')},${at},139${String(10_000_000 + (i % 90_000_000)).slice(-8)},市民${i % 1000},市长公开电话,`;
      let text = `${place}${(i % 90) + 1}号${ISSUES[i % ISSUES.length]}，`;
      // GBK: two bytes a Chinese character; padded to about ROW_BYTES a line.
      while (head.length + text.length * 2 + 30 < ROW_BYTES) text += FILLER;
      text = text.slice(0, Math.max(10, Math.floor((ROW_BYTES - head.length - 30) / 2)));
      lines.push(`${head}${text},东湖区${place}${(i % 90) + 1}号,${i % 17 === 0 ? '紧急' : '一般'}\r\n`);
    }
    await write(lines.join(''));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(path).size;
}

function memory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null; // the process has ended
  }
}

interface Measured {
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** RSS at 25%, 50%, 75% and 100% of the run (the last sample). */
  rssAtQuartersMb: number[];
  summary: unknown;
}

async function measure(rows: number, dir: string): Promise<Measured> {
  const file = join(dir, `export-${rows}.csv`);
  const bytes = await writeExport(file, rows);
  const db = await createMysqlDatabase('hubbench_mem');
  const dataDir = mkdtempSync(join(dir, 'data-'));
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: dataDir });
    const ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    await syncDirectory(ds, config);
    await ds.destroy();

    const samples: Array<{ at: number; rss: number }> = [];
    let peak = 0;
    const started = performance.now();
    const child = spawn(process.execPath, [MAIN, 'import', 'hotline', file, '--source', 'standard', '--no-queue', '--json'], {
      env: { ...process.env, DATABASE_URL: db.url, HUB_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const sampler = setInterval(() => {
      const m = child.pid ? memory(child.pid) : null;
      if (!m) return;
      samples.push({ at: performance.now() - started, rss: m.rss });
      peak = Math.max(peak, m.peak);
    }, 200);
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`hub import hotline exited ${code}: ${stderr.trim()}`);
    const summary = JSON.parse(stdout.trim().split('\n').pop() as string) as { imported: number };
    if (summary.imported !== rows) throw new Error(`imported ${summary.imported} of ${rows}`);
    const rssAt = (q: number) => {
      const at = seconds * 1000 * q;
      const s = samples.filter((x) => x.at <= at).pop() ?? samples[0];
      return Math.round((s?.rss ?? 0) / MB);
    };
    return {
      rows,
      fileMb: Math.round(bytes / MB),
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(peak / MB),
      rssAtQuartersMb: [0.25, 0.5, 0.75, 1].map(rssAt),
      summary,
    };
  } finally {
    rmSync(file, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  }
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const dir = mkdtempSync(join(tmpdir(), 'hub-import-mem-'));
  try {
    for (const rows of SIZES) {
      const m = await measure(rows, dir);
      console.log(
        `${String(m.rows).padStart(9)} rows, ${String(m.fileMb).padStart(5)} MB: ${m.seconds} s (${m.rowsPerSecond} rows/s), peak RSS ${m.peakRssMb} MB; RSS at 25/50/75/100% ${m.rssAtQuartersMb.join(' / ')} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
