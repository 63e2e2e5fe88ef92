/** A second process on the same SQLite file (as the worker is beside the API): on "go", records one ticket in a transaction. */
import 'reflect-metadata';
import { createInterface } from 'readline';
import { parseDatabaseUrl } from '@hub/config';
import { openDatabase } from '@hub/database';
import { createTicket } from '@hub/testing';

async function main(): Promise<void> {
  const ds = await openDatabase(parseDatabaseUrl(`sqlite:${process.argv[2]}`, []));
  console.log('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'go') continue;
    await ds.transaction((m) => createTicket(m, { sourceId: 1, channel: 'web', text: '另一进程的诉求', receivedAt: new Date() }));
    console.log('done');
    break;
  }
  await ds.destroy();
  process.exit(0); // stdin stays open
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
