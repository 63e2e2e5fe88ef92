import { Command } from 'commander';
import { seedDemoUsers } from '@hub/auth';
import { applyPendingMigrations, syncDirectory } from '@hub/database';
import { action, config, printJson, unitOfWorkOver, withDatabase } from '../cli-support';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema and directory');
  db.command('migrate')
    .description('apply migrations to DATABASE_URL')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (opts: { json?: boolean }) => {
        const cfg = config();
        const applied = await withDatabase(cfg, applyPendingMigrations, { skipPendingCheck: true });
        if (opts.json) printJson({ applied });
        else console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
      }),
    );
  db.command('seed')
    .description('mirror units, categories, regions and sources from config; create demo accounts when there are none (never with NODE_ENV=production)')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (opts: { json?: boolean }) => {
        const cfg = config();
        const result = await withDatabase(cfg, async (ds) => ({ ...(await syncDirectory(ds, cfg)), users: await seedDemoUsers(unitOfWorkOver(ds), cfg) }));
        if (opts.json) printJson(result);
        else
          console.log(
            `directory: ${result.units} units, ${result.sources} sources${result.users.length ? `; demo accounts: ${result.users.join(', ')}` : ''}${cfg.env.security.production ? '; production: no demo accounts (first administrator: hub user create-admin)' : ''}`,
          );
      }),
    );
}
