import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { SUSPENSION_GROUNDS, SuspensionGround } from '@hub/domain';
import { TicketCommand } from '../shared/command-fields';

/** 申请中止: the lead unit asks to stop the clocks, saying what it waits for and until when. */
export class RequestSuspensionCommand extends TicketCommand {
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @IsIn(SUSPENSION_GROUNDS as unknown as string[]) ground!: SuspensionGround;
  @IsString() @MaxLength(2000) reason!: string;
  /** Expected date the wait ends (Beijing date). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expectedResumeOn must be a date YYYY-MM-DD' }) expectedResumeOn!: string;
}
