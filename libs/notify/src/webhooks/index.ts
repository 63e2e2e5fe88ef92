export * from './webhook-signature';
export * from './webhook-body';
export * from './webhook-poster';
export * from './webhook-options';
