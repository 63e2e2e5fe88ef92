export * from './update-routing-rule.command';
export * from './update-routing-rule.usecase';
