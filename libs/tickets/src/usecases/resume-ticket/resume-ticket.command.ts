import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 恢复办理: the wait is over (the desk, or the lead unit itself). */
export class ResumeTicketCommand extends TicketCommand {
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
