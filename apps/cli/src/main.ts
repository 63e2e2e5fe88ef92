import 'reflect-metadata';
import { Command } from 'commander';
import { CLI_GROUPS, groupsFor } from './commands';

process.env.TZ = 'UTC';
const program = new Command();
program
  .name('hub')
  .description('12345 intake hub: operations from the command line (migrate, import, poll, classify, train, sweep, report)')
  // A usage mistake is one line like every other failure (INTERFACES.md), not the whole help text.
  .configureOutput({ outputError: (str, write) => write(`hub: ${str.replace(/^error: /, '').trim()} (--help for usage)\n`) });

async function main(): Promise<void> {
  for (const group of groupsFor(process.argv)) (await CLI_GROUPS[group]())(program);
  await program.parseAsync(process.argv);
}

main().catch((e: Error) => {
  process.stderr.write(`hub: ${e.message}\n`);
  process.exitCode = 1;
});
