export * from './configured-rates';
export * from './unit-ranking';
export * from './ranking-xlsx';
