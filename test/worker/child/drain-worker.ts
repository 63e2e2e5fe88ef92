/**
 * A worker process as apps/worker/src/main.ts runs it (Nest application context, shutdown hooks,
 * the real WorkerRunner and QueueModule), with handlers that take HUB_CHILD_JOB_MS each. Prints
 * `ready`, `start <name> <payload>`, `done <name> <payload>` and the runner's log lines on stdout.
 */
import 'reflect-metadata';
import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HubConfigModule, loadConfig } from '@hub/config';
import { JOB_NAMES, JobHandlerRegistry, QueueModule } from '@hub/queue';
import { ScheduleRegistry, WorkerRunner } from '../../../apps/worker/src/worker-runner.service';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
class SlowHandlers implements OnModuleInit {
  constructor(private readonly registry: JobHandlerRegistry) {}
  onModuleInit(): void {
    const ms = Number(process.env.HUB_CHILD_JOB_MS ?? 1500);
    for (const name of JOB_NAMES)
      this.registry.register(name, async (payload) => {
        say(`start ${name} ${JSON.stringify(payload)}`);
        await sleep(ms);
        say(`done ${name} ${JSON.stringify(payload)}`);
      });
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'log']);
  const config = loadConfig(process.env);
  @Module({ imports: [HubConfigModule.forRoot(config), QueueModule], providers: [SlowHandlers, ScheduleRegistry, WorkerRunner] })
  class DrainWorkerModule {}
  const app = await NestFactory.createApplicationContext(DrainWorkerModule, { logger: ['error', 'log'] });
  app.enableShutdownHooks();
  await app.init();
  say('ready');
}

main().catch((e: Error) => {
  say(`failed to start: ${e.message}`);
  process.exit(1);
});
