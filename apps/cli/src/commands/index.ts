import type { Command } from 'commander';
import { registerClassifyCommand } from './classify.command';
import { registerImportCommands } from './import.command';
import { registerModelCommands } from './model.command';

/** Every command group of `hub` besides `db`. */
export const CLI_COMMANDS: Array<(program: Command) => void> = [registerImportCommands, registerClassifyCommand, registerModelCommands];
