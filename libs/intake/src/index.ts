export * from './mail';
export * from './exports';
export * from './raw-archive';
export * from './hotline-import';
export * from './web-intake';
export * from './mailbox';
export * from './usecases/rerun-intake-item';
