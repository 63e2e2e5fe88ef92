export * from './ticket/ticket-status';
export * from './ticket/ticket-lifecycle';
export * from './ticket/ticket-number';
export * from './clock';
export * from './requester-identity';
export * from './business-time';
export * from './command/validate-command';
