export * from './save-knowledge-entry.command';
export * from './save-knowledge-entry.usecase';
