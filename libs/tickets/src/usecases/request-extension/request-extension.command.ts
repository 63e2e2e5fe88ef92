import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class RequestExtensionCommand extends TicketCommand {
  /** The acting unit: it must be the lead unit (主办). */
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  /** How many more days (in the policy's unit: working days, or calendar days for 信访). */
  @IsInt() @Min(1) @Max(60) days!: number;
  @IsString() @MaxLength(2000) reason!: string;
}
