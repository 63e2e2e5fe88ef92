export * from './update-user.command';
export * from './update-user.usecase';
