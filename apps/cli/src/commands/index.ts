import type { Command } from 'commander';
import { registerImportCommands } from './import.command';

/** Every command group of `hub` besides `db`. */
export const CLI_COMMANDS: Array<(program: Command) => void> = [registerImportCommands];
