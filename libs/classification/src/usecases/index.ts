export * from './create-routing-rule';
export * from './update-routing-rule';
export * from './disable-routing-rule';
export * from './retrain-model';
