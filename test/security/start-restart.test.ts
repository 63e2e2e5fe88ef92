import { Supervisor } from '../../scripts/start-supervisor';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A process that runs until it is killed (as the API and the worker do). */
const forever = ['-e', 'setInterval(() => {}, 1000)'];

describe('npm start when a process dies (#1)', () => {
  it('starts a killed worker again with a growing pause, and leaves the API running', async () => {
    const said: string[] = [];
    let gaveUp = '';
    const s = new Supervisor({ say: (m) => said.push(m), giveUp: (r) => (gaveUp = r), firstDelayMs: 100, healthyAfterMs: 60_000, maxQuickExits: 10 });
    s.start({ name: 'api', command: process.execPath, args: forever });
    s.start({ name: 'worker', command: process.execPath, args: forever });
    try {
      const api = await until('the api', () => s.child('api')?.pid);
      const pids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const pid = await until('a worker', () => s.child('worker')?.pid);
        pids.push(pid);
        s.child('worker')!.kill('SIGKILL');
        await until('the worker back', () => s.child('worker')?.pid !== pid && s.child('worker')?.pid);
      }
      expect(new Set(pids).size).toBe(3);
      expect(s.child('api')!.pid).toBe(api);
      expect(s.child('api')!.exitCode).toBeNull();
      expect(said).toEqual([
        'worker stopped (SIGKILL); starting it again in 0.1 s',
        'worker stopped (SIGKILL); starting it again in 0.2 s',
        'worker stopped (SIGKILL); starting it again in 0.4 s',
      ]);
      expect(gaveUp).toBe('');
    } finally {
      await s.stopAll();
    }
    expect(s.child('worker')!.signalCode ?? s.child('worker')!.exitCode).not.toBeNull();
  }, 30_000);

  it('gives up, with the reason, on a process that cannot get through start-up', async () => {
    const said: string[] = [];
    const gaveUp = new Promise<string>((resolve) => {
      const s = new Supervisor({ say: (m) => said.push(m), giveUp: resolve, firstDelayMs: 20, healthyAfterMs: 5000, maxQuickExits: 3 });
      s.start({ name: 'api', command: process.execPath, args: ['-e', 'process.exit(2)'] });
    });
    expect(await gaveUp).toBe('api stopped 3 times during start-up (last: exit 2); see its messages above');
    expect(said).toHaveLength(2);
  }, 30_000);

  it('waits the first pause again after a process that had run well', async () => {
    const said: string[] = [];
    const s = new Supervisor({ say: (m) => said.push(m), giveUp: () => undefined, firstDelayMs: 50, healthyAfterMs: 300 });
    s.start({ name: 'worker', command: process.execPath, args: forever });
    try {
      for (let i = 0; i < 2; i++) {
        const pid = await until('a worker', () => s.child('worker')?.pid);
        await sleep(400);
        s.child('worker')!.kill('SIGKILL');
        await until('the worker back', () => s.child('worker')?.pid !== pid && s.child('worker')?.pid);
      }
      expect(said).toEqual(['worker stopped (SIGKILL); starting it again in 0.1 s', 'worker stopped (SIGKILL); starting it again in 0.1 s']);
    } finally {
      await s.stopAll();
    }
  }, 30_000);
});
