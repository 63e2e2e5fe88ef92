export * from './review-reply.command';
export * from './review-reply.usecase';
