export * from './services';
export * from './dovecot';
export * from './smtp';
export * from './api-app';
export * from './intake';
export * from './dialect-hub';
