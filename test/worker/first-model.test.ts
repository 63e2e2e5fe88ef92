/**
 * A worker started on a host with no trained model trains the first one before it starts taking
 * jobs, holding SMS sessions or beating its heartbeat: trained inside the first classification
 * job, training held the event loop for minutes on a loaded host.
 */
import { spawn } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { ModelStore } from '@hub/classification';
import { openDatabase } from '@hub/database';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';

const REGISTER = join(__dirname, '../support/swc-register.js');
const MAIN = join(__dirname, '../../apps/worker/src/main.ts');

describe('a worker on a host without a model', () => {
  it('has trained and activated the model by the time it says it is running', async () => {
    const db = await createMysqlDatabase('hubfirstmodel');
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-first-model-'));
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      HUB_DATA_DIR: dataDir,
      HUB_QUEUE_PREFIX: `{${uniqueName('fm')}}`,
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig(env);
    await (await openDatabase(config.env.database, { migrate: true })).destroy();
    const store = new ModelStore(config.env.dataDir);
    expect(store.active()).toBeNull();
    const proc = spawn(process.execPath, ['-r', REGISTER, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    try {
      const running = await new Promise<boolean>((resolve) => {
        const take = (d: Buffer) => {
          out += d.toString();
          if (out.includes('worker: running')) resolve(true);
        };
        proc.stdout!.on('data', take);
        proc.stderr!.on('data', take);
        proc.once('exit', () => resolve(false));
      });
      expect({ running, out: running ? '' : out }).toEqual({ running: true, out: '' });
      expect(out).toContain('training one from the shipped examples');
      expect(store.active()?.version).toEqual(expect.any(String));
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      await db.drop();
    }
  }, 600_000);
});
