export * from './in-memory-table';
export * from './in-memory-repositories';
export * from './in-memory-unit-of-work';
export * from './in-memory-messaging.repositories';
