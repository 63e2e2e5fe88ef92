import { IsDate, IsOptional } from 'class-validator';

/** One pass (the worker's daily run, or `hub knowledge sweep`); `now` for tests and replays. */
export class NotifyExpiringKnowledgeCommand {
  @IsOptional() @IsDate() now?: Date;
}
