export * from './sweep-keys';
export * from './reminder-mails';
export * from './deadline-sweep';
export * from './overdue-digest-sender';
