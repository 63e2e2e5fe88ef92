export * from './in-memory-table';
export * from './in-memory-repositories';
export * from './in-memory-unit-of-work';
export * from './in-memory-reminder.repository';
export * from './in-memory-outbox-delivery.repository';
export * from './in-memory-deadline-sweep.repository';
