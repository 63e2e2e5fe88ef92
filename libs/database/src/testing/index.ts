export * from './in-memory-table';
export * from './in-memory-repositories';
export * from './in-memory-unit-of-work';
export * from './in-memory-user.repository';
export * from './in-memory-auth-session.repository';
export * from './in-memory-routing-rule.repository';
export * from './in-memory-mail-retry.repository';
export * from './in-memory-admin-views.repository';
