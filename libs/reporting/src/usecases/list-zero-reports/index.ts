export * from './list-zero-reports.command';
export * from './list-zero-reports.usecase';
export * from './zero-report-lines';
