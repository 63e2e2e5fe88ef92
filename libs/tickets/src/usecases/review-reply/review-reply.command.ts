import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 办结审核: accept the unit's reply, or send it back (退回重办) with what is wrong with it. */
export class ReviewReplyCommand extends TicketCommand {
  @IsIn(['accept', 'send_back']) decision!: 'accept' | 'send_back';
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
