export * from './hand-ticket-to-city.command';
export * from './hand-ticket-to-city.usecase';
