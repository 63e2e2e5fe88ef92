import 'reflect-metadata';
import type { AddressInfo } from 'net';
import { loadConfig } from '@hub/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  // SIGTERM (a deploy, a scale-down): the listening socket closes at once (a proxy in front sends
  // new requests to the other API processes), the requests in flight are answered, each on a
  // connection that is then closed, and the process ends (Nest's shutdown hooks).
  let draining = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      draining = true;
      console.log(`api: ${signal}: taking no new connections; answering the requests in flight, then stopping`);
    });
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  const { bind } = config.env.security;
  await app.listen(config.env.port, bind);
  // Said as it is: the address actually bound, and who can reach it.
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const reach = /^(127\.|::1$|::ffff:127\.)/.test(address.address) ? 'this machine only' : 'other machines too (HUB_BIND)';
  const docs = config.env.security.apiDocs ? ', API docs /api/docs' : '';
  console.log(`api: listening on http://${host}:${address.port} — reachable from ${reach} (console /${docs}, health /health)`);
}

main().catch((e: Error) => {
  console.error(`api: ${e.message}`);
  process.exit(1);
});
