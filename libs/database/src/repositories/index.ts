export * from './outbox.repository';
export * from './ticket-event.repository';
