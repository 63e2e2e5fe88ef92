import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command group of `hub`, in the order `--help` lists them, each loaded only when asked
 * for: `hub mailbox poll` starts without the model, the reports or the import readers.
 */
export const CLI_GROUPS: Record<string, () => Promise<Register>> = {
  db: async () => (await import('./db.command')).registerDbCommands,
  import: async () => (await import('./import.command')).registerImportCommands,
  classify: async () => (await import('./classify.command')).registerClassifyCommand,
  model: async () => (await import('./model.command')).registerModelCommands,
  deadlines: async () => (await import('./deadlines.command')).registerDeadlineCommands,
  mailbox: async () => (await import('./mailbox.command')).registerMailboxCommands,
  report: async () => (await import('./report.command')).registerReportCommands,
  upstream: async () => (await import('./upstream.command')).registerUpstreamCommands,
  user: async () => (await import('./user.command')).registerUserCommands,
};

/** The groups to load for these arguments: the one named, or all of them (help, a mistake). */
export function groupsFor(argv: string[]): string[] {
  const asked = argv[2];
  return asked && Object.hasOwn(CLI_GROUPS, asked) ? [asked] : Object.keys(CLI_GROUPS);
}
