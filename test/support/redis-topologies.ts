/**
 * Private Redis topologies for tests and the load harness, started from the redis-server on PATH
 * in a temporary folder: a Cluster of masters (`--cluster-enabled yes` + `redis-cli --cluster
 * create`), and a Sentinel group (a master, a replica, three sentinels). Every process is ours
 * (started here, stopped here by its pid); nothing touches the shared Redis on 6379.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createConnection } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RedisProcess {
  port: number;
  proc: ChildProcess;
  /** SIGTERM (a graceful shutdown: a Redis 7 master waits for its replicas), then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Whether something answers on this port of 127.0.0.1. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** `count` consecutive free ports from somewhere in 42000–48999 (a range the other services here leave alone). */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 42000 + Math.floor(Math.random() * 7000);
    const used = await Promise.all(Array.from({ length: count }, (_, i) => portInUse(base + i)));
    if (!used.some(Boolean)) return base;
  }
  throw new Error('no free port range for the test Redis processes');
}

function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function startServer(dir: string, port: number, args: string[]): RedisProcess {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...args], {
    stdio: 'ignore',
  });
  return {
    port,
    proc,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill(signal);
      await exited;
    },
  };
}

export interface LocalRedisCluster {
  url: string;
  nodes: RedisProcess[];
  stop(): Promise<void>;
}

/**
 * `masters` cluster masters, each with `replicas` replicas (promoted when their master stops), on
 * consecutive free ports; extra redis-server arguments for every node.
 */
export async function startRedisCluster(masters = 3, extraArgs: string[] = [], replicas = 0): Promise<LocalRedisCluster> {
  const total = masters * (1 + replicas);
  // Each node's cluster bus on a port of the same free range (by default port + 10000 would fall among
  // the system's ephemeral ports, where a parallel suite's outgoing connection can hold it).
  const base = await freePortRange(2 * total);
  const root = mkdtempSync(join(tmpdir(), 'hub-rcluster-'));
  const nodes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < total; i++) {
      const dir = join(root, String(i));
      execFileSync('mkdir', ['-p', dir]);
      nodes.push(
        startServer(dir, base + i, [
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(base + total + i),
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-node-timeout',
          '2000',
          ...extraArgs,
        ]),
      );
    }
    for (const n of nodes) await waitFor(`redis node ${n.port}`, () => cli(n.port, 'ping').trim() === 'PONG');
    execFileSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', String(replicas), '--cluster-yes'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    for (const n of nodes) await waitFor(`cluster state ok on ${n.port}`, () => cli(n.port, 'cluster', 'info').includes('cluster_state:ok'), 40_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`, nodes, stop };
}

/** The node that is master of the slot of `key` now (asked of any live node). */
export function masterOfKey(cluster: LocalRedisCluster, key: string): RedisProcess {
  const live = cluster.nodes.find((n) => n.proc.exitCode === null && n.proc.signalCode === null)!;
  const slot = Number(cli(live.port, 'cluster', 'keyslot', key).trim());
  const nodes = cli(live.port, 'cluster', 'nodes')
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  for (const f of nodes) {
    if (!f[2].includes('master') || f[2].includes('fail')) continue;
    const port = Number(/:(\d+)@/.exec(f[1])![1]);
    for (const range of f.slice(8)) {
      const [from, to] = range.split('-').map(Number);
      if (slot >= from && slot <= (to ?? from)) return cluster.nodes.find((n) => n.port === port)!;
    }
  }
  throw new Error(`no master serves the slot of ${key}`);
}

export interface LocalSentinelGroup {
  url: string;
  masterName: string;
  master: RedisProcess;
  replica: RedisProcess;
  sentinels: RedisProcess[];
  /** The port the sentinels now name as master. */
  currentMasterPort(): number;
  stop(): Promise<void>;
}

/** A master, one replica and three sentinels (quorum 2, down after 1 s). */
export async function startSentinelGroup(masterName = 'hubmaster'): Promise<LocalSentinelGroup> {
  const base = await freePortRange(5);
  const root = mkdtempSync(join(tmpdir(), 'hub-rsentinel-'));
  const procs: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const d of ['m', 'r', 's0', 's1', 's2']) execFileSync('mkdir', ['-p', join(root, d)]);
    const master = startServer(join(root, 'm'), base, []);
    procs.push(master);
    const replica = startServer(join(root, 'r'), base + 1, ['--replicaof', '127.0.0.1', String(base)]);
    procs.push(replica);
    await waitFor('the replica in sync', () => /master_link_status:up/.test(cli(replica.port, 'info', 'replication')));
    const sentinels: RedisProcess[] = [];
    for (let i = 0; i < 3; i++) {
      const port = base + 2 + i;
      const conf = join(root, `s${i}`, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${join(root, `s${i}`)}`,
          `sentinel monitor ${masterName} 127.0.0.1 ${base} 2`,
          `sentinel down-after-milliseconds ${masterName} 1000`,
          `sentinel failover-timeout ${masterName} 10000`,
          `sentinel parallel-syncs ${masterName} 1`,
          '',
        ].join('\n'),
      );
      const proc = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
      const s: RedisProcess = {
        port,
        proc,
        stop: async (signal = 'SIGTERM') => {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          proc.kill(signal);
          await exited;
        },
      };
      sentinels.push(s);
      procs.push(s);
    }
    // Each sentinel must see the replica and the two other sentinels (a failover needs a majority of them).
    for (const s of sentinels)
      await waitFor(`sentinel ${s.port} to see the replica and the other sentinels`, () => {
        const state = cli(s.port, 'sentinel', 'master', masterName);
        return /num-slaves\s+1\b/.test(state) && /num-other-sentinels\s+2\b/.test(state);
      });
    const currentMasterPort = () => Number(cli(sentinels[0].port, 'sentinel', 'get-master-addr-by-name', masterName).trim().split('\n')[1]);
    return {
      url: `redis+sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${masterName}`,
      masterName,
      master,
      replica,
      sentinels,
      currentMasterPort,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
