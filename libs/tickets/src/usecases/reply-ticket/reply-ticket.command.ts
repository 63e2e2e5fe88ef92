import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Outcome, OUTCOMES } from '@hub/domain';
import { TicketCommand } from '../shared/command-fields';

export class ReplyTicketCommand extends TicketCommand {
  /** The acting unit (lead, or assisting with its part); none when the desk records the lead's answer. */
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @IsIn(OUTCOMES as unknown as string[]) outcome!: Outcome;
  @IsString() @MaxLength(20000) text!: string;
}
