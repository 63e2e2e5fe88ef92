export * from './sub-dispatch-ticket.command';
export * from './sub-dispatch-ticket.usecase';
