export * from './entities';
export * from './data-source';
export * from './database.module';
export * from './directory-sync';
export * from './database-errors';
export * from './insert-rows';
