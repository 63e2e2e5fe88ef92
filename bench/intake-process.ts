/**
 * (d) of bench:intake: `hub mailbox poll` as a whole process (`node bin/hub.js`, what `npx hub` and
 * the installed `hub` run, without npx's own start-up), against a bare `node -e 0` started the same way in the same run: an empty
 * mailbox (median of several runs) and 1,000 letters (one cold process). Wall time and the child's
 * CPU (user + system, from /usr/bin/time when it is there).
 */
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ImapFlow } from 'imapflow';
import { loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory } from '@hub/database';
import { createRedis } from '@hub/queue';
import type { DovecotServer } from '../test/support/dovecot';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '../test/support/services';

const ROOT = resolve(__dirname, '..', '..');
// BENCH_CLI_MAIN: another entry (e.g. dist/apps/cli/src/main.js, the unbundled build) to compare in one run.
const MAIN = process.env.BENCH_CLI_MAIN ?? join(ROOT, 'bin', 'hub.js');
// The same build unbundled (no code cache), timed alongside on the empty mailbox.
const UNBUNDLED = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Run {
  ms: number;
  cpuMs: number | null;
  stdout: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Run {
  const timesFile = join(tmpdir(), `hub-bench-time-${process.pid}`);
  const cmd = TIME ? TIME : process.execPath;
  const argv = TIME ? ['-f', '%U %S', '-o', timesFile, process.execPath, ...args] : args;
  const t = performance.now();
  const r = spawnSync(cmd, argv, { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  let cpuMs: number | null = null;
  if (TIME) {
    const [u, s] = readFileSync(timesFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (u + s) * 1000;
    rmSync(timesFile, { force: true });
  }
  return { ms, cpuMs, stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (runs: Run[]) => {
  const ms = median(runs.map((r) => r.ms));
  const cpu = runs.every((r) => r.cpuMs !== null) ? median(runs.map((r) => r.cpuMs as number)) : null;
  return `${ms.toFixed(0)} ms${cpu !== null ? ` (CPU ${cpu.toFixed(0)} ms)` : ''}`;
};

export async function benchPollProcess(dovecot: DovecotServer, user: string, letters: Buffer[], rounds = 5): Promise<void> {
  console.log(`\n(d) \`hub mailbox poll\` as a whole process: empty mailbox (median of ${rounds}), then ${letters.length} letters (cold)`);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-cli-'));
  const db = await createMysqlDatabase('hubbenchcli');
  const prefix = `{${uniqueName('benchcli')}}`;
  try {
    const configDir = join(dir, 'config');
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    writeFileSync(
      join(configDir, 'mailboxes.yaml'),
      `mailboxes:\n  - name: 冷启动信箱\n    host: ${dovecot.host}\n    port: ${dovecot.port}\n    secure: false\n    user: ${user}\n    password: ${user}-secret\n`,
    );
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      HUB_CONFIG_DIR: configDir,
      HUB_DATA_DIR: join(dir, 'data'),
      HUB_QUEUE_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
    };
    const config = loadConfig(env);
    const ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    await syncDirectory(ds, config);
    await ds.destroy();

    const bare = Array.from({ length: rounds }, () => run(['-e', '0'], env));
    const empty = Array.from({ length: rounds }, () => run([MAIN, 'mailbox', 'poll'], env));
    if (!/0 fetched, 0 new tickets/.test(empty[0].stdout)) throw new Error(`empty poll said: ${empty[0].stdout}`);
    const unbundled = MAIN === UNBUNDLED ? null : Array.from({ length: rounds }, () => run([UNBUNDLED, 'mailbox', 'poll'], env));

    const client = new ImapFlow(dovecot.imapOptions(user));
    await client.connect();
    for (const l of letters) await client.append('INBOX', l);
    await client.logout();
    // BENCH_PROFILE=DIR: the child writes a CPU profile of this run to DIR (CPU-*.cpuprofile).
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`] : [];
    const full = run([...profile, MAIN, 'mailbox', 'poll'], env);
    if (!full.stdout.includes(`${letters.length} new tickets`)) throw new Error(`poll of ${letters.length} letters said: ${full.stdout}`);

    console.log(`    bare \`node -e 0\`:                 ${show(bare)}`);
    console.log(`    empty mailbox:                    ${show(empty)} (aim <= 500 ms)`);
    if (unbundled) console.log(`    empty mailbox, unbundled main.js: ${show(unbundled)}`);
    console.log(
      `    ${letters.length} letters, cold process:    ${show([full])} (aim <= 1500 ms) = ${(letters.length / (full.ms / 1000)).toFixed(0)} letters/s`,
    );
  } finally {
    const redis = createRedis(TEST_REDIS_URL, 'bench-cli-clean');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
