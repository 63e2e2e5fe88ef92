export * from './supervision-figures';
export * from './supervision-xlsx';
export * from './zero-report-xlsx';
