/**
 * Reads one export file in a process of its own (run with a small heap by the zip-bomb test) and
 * prints `{"rows":…,"rejects":…}` or `{"unreadable":"reason"}` on stdout.
 */
import { loadConfig } from '@hub/config';
import { FileUnreadableError, readExport } from '@hub/intake';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const source = config.sources.sources.find((s) => s.name === 'standard')!;
  let rows = 0;
  let rejects = 0;
  try {
    for await (const batch of readExport(process.argv[2], source, { limits: config.env.importLimits })) {
      rows += batch.rows.length;
      rejects += batch.rejects.length;
    }
    process.stdout.write(`${JSON.stringify({ rows, rejects, heapMb: Math.round(process.memoryUsage().rss / 1048576) })}\n`);
  } catch (e) {
    if (!(e instanceof FileUnreadableError)) throw e;
    process.stdout.write(`${JSON.stringify({ unreadable: e.reason, heapMb: Math.round(process.memoryUsage().rss / 1048576) })}\n`);
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
