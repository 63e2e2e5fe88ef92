export * from './disable-routing-rule.command';
export * from './disable-routing-rule.usecase';
