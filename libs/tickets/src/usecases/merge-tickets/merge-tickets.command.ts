import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** `ticketId` is the repeat; `targetTicketId` the open ticket it joins. */
export class MergeTicketsCommand extends TicketCommand {
  @IsInt() @Min(1) targetTicketId!: number;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
