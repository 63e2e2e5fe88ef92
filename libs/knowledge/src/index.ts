export * from './knowledge-actor';
export * from './knowledge-words';
export * from './knowledge-search';
export * from './knowledge.module';
export * from './usecases/save-knowledge-entry';
export * from './usecases/delete-knowledge-entry';
export * from './usecases/notify-expiring-knowledge';
export * from './demo-knowledge';
