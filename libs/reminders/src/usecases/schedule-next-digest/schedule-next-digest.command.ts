import { IsDate, IsOptional } from 'class-validator';

export class ScheduleNextDigestCommand {
  /** The next digest after this moment (default: now). */
  @IsOptional() @IsDate() after?: Date;
}
