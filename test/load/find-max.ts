/**
 * `npm run load -- --find-max`: the highest speed-up that holds p95 < 5 s. Runs the harness again
 * (a fresh fleet each time, no faults) on a short window of the day (`--seconds`, default 120) at
 * rising speed-ups (×24, doubling, up to `--max-speedup`, default 1536) and stops at the first
 * that fails; `--items` is the day's size the rate is taken from (default 60,000).
 */
import { spawn } from 'child_process';
import { join } from 'path';
import { ROOT } from './load-support';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

interface StepResult {
  speedup: number;
  items: number;
  passed: boolean;
  p95: number;
  problems: string[];
}

function runStep(speedup: number, items: number, seconds: number): Promise<StepResult | null> {
  const args = ['-r', join(ROOT, 'test/support/swc-register.js'), join(ROOT, 'test/load/run-load.ts')];
  args.push('--items', String(items), '--speedup', String(speedup), '--seconds', String(seconds), '--no-faults', '--drain-seconds', '120');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let result: StepResult | null = null;
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('LOAD-RESULT ')) result = JSON.parse(line.slice(12)) as StepResult;
        else if (line.startsWith('[load')) process.stdout.write(`  ${line}\n`);
      }
    });
    child.on('exit', () => resolve(result));
  });
}

export async function findMax(say: (line: string) => void): Promise<boolean> {
  const items = arg('items', 60_000);
  const seconds = arg('seconds', 120);
  const maxSpeedup = arg('max-speedup', 1536);
  let best: StepResult | null = null;
  for (let speedup = arg('speedup', 24); speedup <= maxSpeedup; speedup *= 2) {
    say(`find-max: ×${speedup}, ${seconds} s of a ${items}-item day`);
    const r = await runStep(speedup, items, seconds);
    if (!r) {
      say(`find-max: ×${speedup} did not finish`);
      break;
    }
    say(`find-max: ×${speedup} ${r.passed ? 'holds' : 'fails'} (p95 ${Number(r.p95).toFixed(0)} ms${r.problems.length ? `; ${r.problems.join('; ')}` : ''})`);
    if (!r.passed) break;
    best = r;
  }
  say(best ? `find-max: highest speed-up holding p95 < 5 s with nothing lost: ×${best.speedup}` : 'find-max: not even the first speed-up held');
  return best !== null;
}
