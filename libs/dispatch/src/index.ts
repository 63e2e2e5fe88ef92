export * from './deadline-planner';
export * from './deadline-book';
export * from './ticket-actions.service';
