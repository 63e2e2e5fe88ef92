export * from './import-knowledge-entries.command';
export * from './import-knowledge-entries.usecase';
