export * from './scan-export-folder.command';
export * from './scan-export-folder.usecase';
