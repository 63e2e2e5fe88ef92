export * from './outbox.repository';
export * from './ticket-event.repository';
export * from './outbox-delivery.repository';
export * from './reminder.repository';
export * from './deadline-sweep.repository';
