import { Command } from 'commander';
import { existsSync, statSync } from 'fs';
import { setFlagsFromString } from 'v8';
import { BullmqProducer, createRedis } from '@hub/queue';
import { action, CliError, config, printJson, withDatabase } from '../cli-support';
import { IMPORT_SUBCOMMANDS } from './import-subcommands';
import { cliIntake } from './intake-wiring';

/**
 * An import's live heap stays near 50 MB however long the file (rows stream through in batches),
 * but V8 lets the old generation grow to several times what survives before it collects it: peak
 * RSS was about 330 MB at 100,000 rows as at 1,000,000. Collecting once the heap has grown by
 * half keeps the process near its live size (`npm run bench:import-memory`); the flag is read at
 * every full collection (by half: about 200 MB at 100,000 rows; by a fifth kept 170-190 MB but
 * collected more often), and this process runs only this command.
 */
function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  return {
    update(done: number, total: number, extra: string) {
      if (!tty) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const pct = total ? Math.min(1, done / total) : 0;
      const width = 30;
      const bar = '#'.repeat(Math.round(pct * width)).padEnd(width, '.');
      process.stderr.write(`\r${label} [${bar}] ${(pct * 100).toFixed(0).padStart(3)}% ${extra}   `);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description('import hotline exports and past years');
  imp
    .command('hotline <file>')
    .description("import one export file through the source's column mapping")
    .requiredOption('--source <name>', 'export source in sources.yaml (e.g. standard)')
    .option('--json', 'print {"rows","imported","duplicates","rejected","rejects"}')
    .option('--no-queue', "do not queue the new tickets for classification and indexing (the worker's triage and search sweeps pick them up)")
    .action(
      action(async (file: string, opts: { source: string; json?: boolean; queue: boolean }) => {
        if (!existsSync(file)) throw new CliError(`file not found: ${file}`);
        if (!statSync(file).isFile())
          throw new CliError(`not a file: ${file} (give one export file; a folder is read by a source's watch setting in sources.yaml)`);
        boundHeapGrowth();
        const cfg = config();
        const redis = opts.queue ? createRedis(cfg.env.redisUrl, 'hub-cli') : null;
        if (redis) redis.on('error', () => undefined);
        const producer = redis ? new BullmqProducer(redis, cfg.env.queuePrefix) : null;
        const bar = progressBar('importing');
        try {
          const summary = await withDatabase(cfg, (ds) =>
            cliIntake(ds, cfg, producer).importHotlineFile.execute({
              file,
              source: opts.source,
              onProgress: (p) => bar.update(p.bytesRead, p.totalBytes, `${p.imported} imported, ${p.duplicates} duplicates, ${p.rejected} rejected`),
            }),
          );
          bar.end();
          const { importFileId: _id, ...out } = summary;
          if (opts.json) printJson(out);
          else
            console.log(
              `${out.rows} rows: ${out.imported} imported, ${out.duplicates} already there, ${out.rejected} rejected${out.rejects ? ` (see ${out.rejects})` : ''}`,
            );
        } finally {
          bar.end();
          await producer?.close();
          redis?.disconnect();
        }
      }),
    );
  for (const register of IMPORT_SUBCOMMANDS) register(imp);
}
