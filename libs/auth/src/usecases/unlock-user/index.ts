export * from './unlock-user.command';
export * from './unlock-user.usecase';
