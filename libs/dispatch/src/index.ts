export * from './deadline-planner';
export * from './deadline-book';
export * from './ticket-actions.service';
export * from './route-tickets.usecase';
export * from './dispatch.module';
