export * from './delete-knowledge-entry.command';
export * from './delete-knowledge-entry.usecase';
