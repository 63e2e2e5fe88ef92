import type { Command } from 'commander';
import { existsSync } from 'fs';
import type { DataSource } from 'typeorm';
import { TypeOrmUnitOfWork, type UnitOfWork } from '@hub/database';
import type { JobPayloads, JobProducer } from '@hub/queue';
import { importHistoryFile } from '@hub/reporting';
import { IndexTicketsUseCase } from '@hub/tickets';
import { action, CliError, config, printJson, unitOfWorkOver, withDatabase } from '../cli-support';

/**
 * The import's unit of work. No job queue here: the lookup rows of each batch's tickets are
 * written right after its commit by the index job's use case, so they are found when the
 * command ends (another job asked for is named in a warning, as for any command without a queue).
 */
function historyUnitOfWork(ds: DataSource): UnitOfWork {
  const plain = unitOfWorkOver(ds);
  const indexTickets = new IndexTicketsUseCase(plain);
  const add = async (name: string, payload: unknown) => {
    if (name !== 'ticket-search-index') throw new Error(`this command has no job queue (${name})`);
    await indexTickets.execute(payload as JobPayloads['ticket-search-index']);
  };
  const jobs: JobProducer = {
    add: (name, payload) => add(name, payload),
    addMany: async (name, payloads) => {
      for (const payload of payloads) await add(name, payload);
    },
  };
  return new TypeOrmUnitOfWork(ds, jobs);
}

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
        const s = await withDatabase(cfg, (ds) =>
          importHistoryFile(historyUnitOfWork(ds), cfg, file, {
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
