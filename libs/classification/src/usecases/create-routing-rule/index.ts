export * from './create-routing-rule.command';
export * from './create-routing-rule.usecase';
