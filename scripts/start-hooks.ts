import type { DataSource } from 'typeorm';
import type { HubConfig } from '../libs/config/src';

/** Extra start-up steps (train the shipped model, load demo tickets...), run after migrations. */
export const START_HOOKS: Array<(ds: DataSource, cfg: HubConfig, say: (m: string) => void) => Promise<void>> = [];
