import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ensureModel, ModelStore } from '@hub/classification';
import { loadConfig } from '@hub/config';
import { installJobFaultGuard } from './job-fault-guard';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  // Before anything runs: no stray rejection or throw may end the process (see job-fault-guard).
  installJobFaultGuard(new NestLogger('worker'));
  const config = loadConfig(process.env);
  // The first model is trained before any job, listener or SMS session starts: trained inside the
  // first classification job it would hold the event loop for as long as training takes (minutes
  // on a loaded host), starving heartbeats, lock renewals and the SMS gateway's keep-alives.
  if (config.env.storage.kind === 'local' && !new ModelStore(config.env.dataDir).active()) {
    console.log('worker: no trained model yet; training one from the shipped examples before starting');
    ensureModel(config);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  console.log('worker: running (Ctrl-C to stop; running jobs finish first)');
}

main().catch((e: Error) => {
  console.error(`worker: ${e.message}`);
  process.exit(1);
});
