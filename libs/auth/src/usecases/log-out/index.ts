export * from './log-out.command';
export * from './log-out.usecase';
