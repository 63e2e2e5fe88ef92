import type { Command } from 'commander';
import { registerClassifyCommand } from './classify.command';
import { registerDeadlineCommands } from './deadlines.command';
import { registerImportCommands } from './import.command';
import { registerMailboxCommands } from './mailbox.command';
import { registerModelCommands } from './model.command';
import { registerReportCommands } from './report.command';
import { registerUserCommands } from './user.command';

/** Every command group of `hub` besides `db`. */
export const CLI_COMMANDS: Array<(program: Command) => void> = [
  registerImportCommands,
  registerClassifyCommand,
  registerModelCommands,
  registerDeadlineCommands,
  registerMailboxCommands,
  registerReportCommands,
  registerUserCommands,
];
