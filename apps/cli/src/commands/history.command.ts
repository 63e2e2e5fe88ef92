import type { Command } from 'commander';
import { existsSync } from 'fs';
import { importHistoryFile } from '@hub/reporting';
import { action, CliError, config, printJson, withUnitOfWork } from '../cli-support';

/** `hub import history FILE`: past years' tickets for statistics and for training the router. */
export function registerHistoryImport(imp: Command): void {
  imp
    .command('history <file>')
    .description('import past tickets (JSONL: outcome, dates, unit, rating) for statistics and training; idempotent')
    .option('--json', 'print {"lines","imported","duplicates","rejected","rejects"}')
    .option('--create-units', 'create units the hub does not know (inactive) instead of rejecting their lines')
    .action(
      action(async (file: string, opts: { json?: boolean; createUnits?: boolean }) => {
        if (!existsSync(file)) throw new CliError(`file not found: ${file}`);
        const cfg = config();
        const tty = process.stderr.isTTY && !opts.json;
        const s = await withUnitOfWork(cfg, (uow) =>
          importHistoryFile(uow, cfg, file, {
            createUnits: opts.createUnits,
            onProgress: tty
              ? (p) =>
                  process.stderr.write(
                    `\rimporting ${Math.round((p.bytesRead / Math.max(1, p.totalBytes)) * 100)}% ${p.imported} imported, ${p.duplicates} already there, ${p.rejected} rejected   `,
                  )
              : undefined,
          }),
        );
        if (tty) process.stderr.write('\n');
        if (opts.json) {
          printJson({
            lines: s.lines,
            imported: s.imported,
            duplicates: s.duplicates,
            rejected: s.rejected,
            rejects: s.rejects,
            createdSources: s.createdSources,
            createdUnits: s.createdUnits,
          });
          return;
        }
        console.log(`${s.lines} lines: ${s.imported} imported, ${s.duplicates} already there, ${s.rejected} rejected${s.rejects ? ` (see ${s.rejects})` : ''}`);
        if (s.createdSources.length) console.log(`new sources: ${s.createdSources.join(', ')}`);
        if (s.createdUnits.length) console.log(`new (inactive) units: ${s.createdUnits.join(', ')}`);
      }),
    );
}
