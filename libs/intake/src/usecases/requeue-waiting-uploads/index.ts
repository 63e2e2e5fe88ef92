export * from './requeue-waiting-uploads.usecase';
