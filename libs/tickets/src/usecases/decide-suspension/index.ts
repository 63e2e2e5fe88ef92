export * from './decide-suspension.command';
export * from './decide-suspension.usecase';
