export * from './outbox';
export * from './mail-templates';
export * from './mail-sender';
export * from './sms';
export * from './webhooks';
export * from './usecases';
