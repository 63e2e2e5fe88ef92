export * from './password';
export * from './roles';
export * from './session-user';
export * from './session-users.service';
export * from './seed-users';
export * from './usecases';
export * from './login-throttle-policy';
export * from './user-scope-rules';
