export * from './log-in';
export * from './log-out';
export * from './create-user';
export * from './update-user';
export * from './change-password';
export * from './unlock-user';
export * from './set-user-scope';
