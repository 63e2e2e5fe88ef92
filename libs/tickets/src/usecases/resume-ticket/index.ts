export * from './resume-ticket.command';
export * from './resume-ticket.usecase';
