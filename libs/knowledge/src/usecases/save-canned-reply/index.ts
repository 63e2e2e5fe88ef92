export * from './save-canned-reply.command';
export * from './save-canned-reply.usecase';
