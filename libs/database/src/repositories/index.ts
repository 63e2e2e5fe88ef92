export * from './outbox.repository';
export * from './ticket-event.repository';
export * from './daily-stats.repository';
export * from './stats.repository';
export * from './history-import.repository';
export * from './user.repository';
export * from './auth-session.repository';
export * from './audit-log.repository';
