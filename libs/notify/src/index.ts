export * from './outbox';
export * from './mail-templates';
