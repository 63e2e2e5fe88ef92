export * from './ticket-errors';
export * from './ticket-store';
export * from './usecases';
export * from './citizens';
export * from './open311';
