/** The load harness's process handling and source texts (see run-load.ts). */
import { ChildProcess, spawn } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

export const ROOT = join(__dirname, '..', '..');

export interface Proc {
  name: string;
  proc: ChildProcess;
  peakRssKb: number;
  cpuTicks: number;
  log: string;
  /** Log lines at level error or fatal (pino 50/60). */
  errorLines: number;
}

export function spawnHub(name: string, script: string, env: NodeJS.ProcessEnv): Proc {
  // HUB_LOAD_NODE_ARGS: extra node flags for the hub's processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a run).
  const nodeArgs = (process.env.HUB_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { name, proc, peakRssKb: 0, cpuTicks: 0, log: '', errorLines: 0 };
  const keep = (d: Buffer) => {
    const text = d.toString();
    p.errorLines += (text.match(/"level":(?:50|60)\b/g) ?? []).length;
    p.log = (p.log + text).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return p;
}

export function sample(p: Proc): void {
  try {
    const stat = readFileSync(`/proc/${p.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    p.cpuTicks = Number(stat[11]) + Number(stat[12]);
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.proc.pid}/status`, 'utf8'));
    if (rss) p.peakRssKb = Math.max(p.peakRssKb, Number(rss[1]));
  } catch {
    /* exited */
  }
}

export const pct = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** Realistic texts: the demo city's labelled examples. */
export function texts(dir = join(ROOT, 'config', 'training')): string[] {
  // The shipped training sets (config/training/*.jsonl), the demo city's labelled requests among them.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(dir, f));
  const out: string[] = [];
  for (const f of files) {
    try {
      for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
    } catch {
      /* not there on this machine */
    }
  }
  return out.length ? out : ['小区路灯不亮，晚上出行不便，请尽快维修。', '楼下餐馆油烟扰民，请有关部门处理。'];
}

export function beijing(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
