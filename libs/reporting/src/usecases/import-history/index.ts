export * from './import-history.command';
export * from './import-history.usecase';
