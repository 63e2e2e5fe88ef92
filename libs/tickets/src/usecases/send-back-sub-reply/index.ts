export * from './send-back-sub-reply.command';
export * from './send-back-sub-reply.usecase';
