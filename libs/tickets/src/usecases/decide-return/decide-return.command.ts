import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class DecideReturnCommand extends TicketCommand {
  /** 同意退单 (back to triage) or 驳回退单 (the unit keeps it). */
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  /** Optional to approve; to reject, the state machine asks for one. */
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
