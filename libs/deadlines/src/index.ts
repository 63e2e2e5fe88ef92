export * from './duration';
export * from './working-calendar';
export * from './deadline-arithmetic';
export * from './reminder-ladder';
export * from './overdue-digest';
export * from './deadline-policies';
export * from './load-deadline-policies';
export * from './sub-dispatch';
