export * from './confirm-zero-report.command';
export * from './confirm-zero-report.usecase';
