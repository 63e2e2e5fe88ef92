export * from './password';
export * from './seed-users';
