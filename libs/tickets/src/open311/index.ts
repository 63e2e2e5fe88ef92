export * from './open311-services';
export * from './list-open311-requests/list-open311-requests.command';
export * from './list-open311-requests/list-open311-requests.usecase';
