import type { Command } from 'commander';

/** Further `hub import ...` commands (history) register here. */
export const IMPORT_SUBCOMMANDS: Array<(imp: Command) => void> = [];
