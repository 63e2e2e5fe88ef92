export * from './ticket-errors';
export * from './ticket-store';
export * from './bulk-create';
export * from './usecases';
