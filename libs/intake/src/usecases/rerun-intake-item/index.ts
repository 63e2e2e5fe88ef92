export * from './rerun-intake-item.command';
export * from './rerun-intake-item.usecase';
