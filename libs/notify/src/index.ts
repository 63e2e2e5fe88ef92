export * from './outbox';
export * from './mail-templates';
export * from './mail-sender';
export * from './usecases/retry-mail';
