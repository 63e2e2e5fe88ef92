export * from './citizen-secrets';
