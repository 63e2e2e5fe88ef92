import type { Command } from 'commander';

/** Every command group of `hub` besides `db`. */
export const CLI_COMMANDS: Array<(program: Command) => void> = [];
