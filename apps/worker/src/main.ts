import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@hub/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const config = loadConfig(process.env);
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
