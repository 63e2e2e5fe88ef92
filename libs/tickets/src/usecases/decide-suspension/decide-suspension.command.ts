import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** The desk decides a 中止 request: approve (every clock stops) or reject with the reason. */
export class DecideSuspensionCommand extends TicketCommand {
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
