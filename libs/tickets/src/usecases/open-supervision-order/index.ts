export * from './open-supervision-order.command';
export * from './open-supervision-order.usecase';
