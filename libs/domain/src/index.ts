export * from './ticket/ticket-status';
export * from './ticket/ticket-attributes';
export * from './ticket/ticket-lifecycle';
export * from './ticket/ticket-number';
export * from './deadline/deadline-stages';
export * from './time/business-time';
export * from './clock';
export * from './requester-identity';
