import 'reflect-metadata';
import { loadConfig } from '@hub/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  await app.listen(config.env.port, process.env.HOST || '0.0.0.0');
  console.log(`api: listening on http://127.0.0.1:${config.env.port} (console /, API docs /api/docs, health /health)`);
}

main().catch((e: Error) => {
  console.error(`api: ${e.message}`);
  process.exit(1);
});
