import { ChildProcess, spawn } from 'child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** Whether it matters if it dies: the private Redis is restarted quietly like the others. */
  stdio?: 'inherit' | 'ignore';
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  say: (message: string) => void;
  /** Called once when a child fails at start-up again and again: the hub cannot run (port taken, bad setting). */
  giveUp: (reason: string) => void;
  /** First wait before a restart; doubles each time, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran at least this long had started fine: its next restart waits firstDelayMs again. */
  healthyAfterMs?: number;
  /** This many exits in a row, each before healthyAfterMs, and the supervisor gives up. */
  maxQuickExits?: number;
}

interface Running {
  spec: ChildSpec;
  child: ChildProcess | null;
  startedAt: number;
  delayMs: number;
  quickExits: number;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps `npm start`'s processes running: a worker (or API, or private Redis) that dies is started
 * again after a growing pause (1 s, 2 s, 4 s … 60 s) instead of stopping the hub; only a process
 * that cannot get through start-up at all makes it give up, with the reason.
 */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private readonly o: Required<SupervisorOptions>;

  constructor(options: SupervisorOptions) {
    this.o = { firstDelayMs: 1000, maxDelayMs: 60_000, healthyAfterMs: 10_000, maxQuickExits: 5, ...options };
  }

  start(spec: ChildSpec): void {
    const r: Running = { spec, child: null, startedAt: 0, delayMs: this.o.firstDelayMs, quickExits: 0 };
    this.running.set(spec.name, r);
    this.launch(r);
  }

  /** The current process of a child (tests; a restart gives a new one). */
  child(name: string): ChildProcess | null {
    return this.running.get(name)?.child ?? null;
  }

  /** Stops every child, newest first, and waits for them (at most `graceMs`). */
  async stopAll(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const all = [...this.running.values()].reverse();
    for (const r of all) {
      if (r.timer) clearTimeout(r.timer);
      r.child?.kill('SIGTERM');
    }
    const exited = all.map(
      (r) => new Promise((resolve) => (!r.child || r.child.exitCode !== null || r.child.signalCode !== null ? resolve(null) : r.child.once('exit', resolve))),
    );
    await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private launch(r: Running): void {
    const child = spawn(r.spec.command, r.spec.args, { stdio: r.spec.stdio ?? 'inherit', env: r.spec.env ?? process.env });
    r.child = child;
    r.startedAt = Date.now();
    child.on('error', (e) => this.o.say(`${r.spec.name} could not be started: ${e.message}`));
    child.on('exit', (code, signal) => this.exited(r, child, code, signal));
  }

  private exited(r: Running, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || r.child !== child) return;
    const how = signal ?? `exit ${code}`;
    if (Date.now() - r.startedAt >= this.o.healthyAfterMs) {
      r.quickExits = 0;
      r.delayMs = this.o.firstDelayMs;
    } else if (++r.quickExits >= this.o.maxQuickExits) {
      this.o.giveUp(`${r.spec.name} stopped ${r.quickExits} times during start-up (last: ${how}); see its messages above`);
      return;
    }
    this.o.say(`${r.spec.name} stopped (${how}); starting it again in ${Math.round(r.delayMs / 100) / 10} s`);
    r.timer = setTimeout(() => {
      if (!this.stopping) this.launch(r);
    }, r.delayMs);
    r.delayMs = Math.min(r.delayMs * 2, this.o.maxDelayMs);
  }
}
