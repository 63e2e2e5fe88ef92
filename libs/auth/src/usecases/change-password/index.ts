export * from './change-password.command';
export * from './change-password.usecase';
