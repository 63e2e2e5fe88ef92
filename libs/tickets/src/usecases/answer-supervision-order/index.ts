export * from './answer-supervision-order.command';
export * from './answer-supervision-order.usecase';
