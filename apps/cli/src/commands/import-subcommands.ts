import type { Command } from 'commander';
import { registerHistoryImport } from './history.command';

/** Further `hub import ...` commands (history) register here. */
export const IMPORT_SUBCOMMANDS: Array<(imp: Command) => void> = [registerHistoryImport];
