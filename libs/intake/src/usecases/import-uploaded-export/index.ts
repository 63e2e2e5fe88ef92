export * from './import-uploaded-export.command';
export * from './import-uploaded-export.usecase';
