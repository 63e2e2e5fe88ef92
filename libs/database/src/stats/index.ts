export * from './stats-columns';
export * from './sql-dialect';
export * from './ticket-facts.sql';
export * from './rate-facts.sql';
