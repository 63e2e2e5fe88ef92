/**
 * A worker process as apps/worker/src/main.ts starts it (the fault guard first, then the runner),
 * with handlers that misbehave the ways real ones did. Settings in HUB_CHILD_FAULTS (JSON: Redis URL,
 * queue prefix); prints `ready`, `done <job>`, `exit` and the guard's log lines on stdout.
 */
import { Logger } from '@nestjs/common';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { BullmqProducer, createRedis, JOB_NAMES, JobHandler, JobHandlerRegistry, JobName } from '@hub/queue';
import { installJobFaultGuard } from '../../../apps/worker/src/job-fault-guard';
import { ScheduleRegistry, WorkerRunner } from '../../../apps/worker/src/worker-runner.service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${line.replace(/\n/g, ' ')}\n`);

async function main(): Promise<void> {
  const { redisUrl, prefix } = JSON.parse(process.env.HUB_CHILD_FAULTS ?? '{}') as { redisUrl: string; prefix: string };
  installJobFaultGuard({ error: (m) => say(`guard: ${m}`) });
  Logger.overrideLogger(['error']);
  process.on('exit', (code) => say(`exit ${code}`));
  const config = loadConfig({ ...process.env, REDIS_URL: redisUrl, HUB_QUEUE_PREFIX: prefix, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-faultw-')) });
  const special: Partial<Record<JobName, JobHandler<JobName>>> = {
    // Reports progress the way jobs/export-import.job.ts does (`onProgress: (p) => void ctx.progress(p)`) for 1.5 s.
    'export-import': async (_p, ctx) => {
      say('import started');
      for (let i = 0; i < 60; i++) {
        await sleep(25);
        void ctx.progress({ rowsRead: i * 500 });
      }
    },
    'ticket-classify': async () => {
      void Promise.reject(new Error('stray rejection in a handler'));
      await sleep(300);
    },
    'model-retrain': async () => {
      setTimeout(() => {
        throw new Error('thrown in a timer of a handler');
      }, 10);
      await sleep(300);
    },
  };
  const registry = new JobHandlerRegistry();
  for (const name of JOB_NAMES) {
    const handler = special[name];
    registry.register(name, async (payload, ctx) => {
      if (handler) await handler(payload, ctx);
      say(`done ${name}`);
    });
  }
  const redis = createRedis(redisUrl, 'fault-worker');
  const runner = new WorkerRunner(registry, new ScheduleRegistry(), new BullmqProducer(redis, prefix), config);
  runner.heartbeatMs = 200;
  await runner.onApplicationBootstrap();
  say('ready');
}

main().catch((e: Error) => {
  say(`failed to start: ${e.message}`);
  process.exit(1);
});
