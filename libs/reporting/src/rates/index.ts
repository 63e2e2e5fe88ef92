export * from './configured-rates';
