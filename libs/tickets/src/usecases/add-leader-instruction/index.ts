export * from './add-leader-instruction.command';
export * from './add-leader-instruction.usecase';
