import { IsInt, IsOptional, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 包案: a leader owns the matter to its end (null: the 包案 ends). */
export class AssignLeaderCaseCommand extends TicketCommand {
  @IsOptional() @IsInt() @Min(1) leaderId!: number | null;
}
