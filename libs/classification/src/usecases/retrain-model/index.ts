export * from './retrain-model.command';
export * from './retrain-model.usecase';
