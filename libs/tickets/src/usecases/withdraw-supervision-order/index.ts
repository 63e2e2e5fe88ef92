export * from './withdraw-supervision-order.command';
export * from './withdraw-supervision-order.usecase';
