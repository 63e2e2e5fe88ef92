export * from './jobs';
export * from './schedules';
export * from './job-producer';
export * from './bullmq-producer';
export * from './job-handlers';
export * from './queue.module';
export * from './worker-heartbeat';
export * from './redis-connection';
