import * as all from './all-entities';

export * from './all-entities';
export type { ClassificationSnapshot } from './ticket.entity';

/** Every entity class, for the data source (a new entity: one line in all-entities.ts). */
export const ENTITIES = Object.values(all);
