export * from './outbox.repository';
export * from './ticket-event.repository';
export * from './sms-outbox.repository';
export * from './sms-opt-out.repository';
export * from './webhook-capture';
export * from './webhook-delivery.repository';
