export * from './log-in.command';
export * from './log-in.usecase';
