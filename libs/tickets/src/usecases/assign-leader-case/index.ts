export * from './assign-leader-case.command';
export * from './assign-leader-case.usecase';
