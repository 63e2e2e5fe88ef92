export * from './set-user-scope.command';
export * from './set-user-scope.usecase';
