export * from './create-user.command';
export * from './create-user.usecase';
