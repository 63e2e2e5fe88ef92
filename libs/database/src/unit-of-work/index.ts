export * from './repository-token';
export * from './unit-of-work';
export * from './typeorm-unit-of-work';
export * from './validate-command';
