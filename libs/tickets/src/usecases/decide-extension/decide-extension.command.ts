import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class DecideExtensionCommand extends TicketCommand {
  /** 批准延期 or 驳回延期. */
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  /** Approving: the days granted, default as requested (within the policy, as the request was). */
  @IsOptional() @IsInt() @Min(1) @Max(60) days?: number | null;
  /** Rejecting: why (the state machine asks for one). */
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
