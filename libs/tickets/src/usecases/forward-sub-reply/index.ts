export * from './forward-sub-reply.command';
export * from './forward-sub-reply.usecase';
