export * from './request-suspension.command';
export * from './request-suspension.usecase';
