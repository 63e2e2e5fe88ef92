export * from './notify-expiring-knowledge.command';
export * from './notify-expiring-knowledge.usecase';
