export * from './configured-rates';
export * from './unit-ranking';
