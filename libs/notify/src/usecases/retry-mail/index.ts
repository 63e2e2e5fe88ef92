export * from './retry-mail.command';
export * from './retry-mail.usecase';
