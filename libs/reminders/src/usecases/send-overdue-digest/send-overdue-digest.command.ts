import { IsDate, IsOptional, Matches } from 'class-validator';

/**
 * With `day`: that day's digest now (the `digest-send` job). Without it: today's (at `now`,
 * default the clock's), once its time has come and only if it has not gone out yet — what every
 * sweep pass asks, so a digest whose delayed job Redis lost still goes out.
 */
export class SendOverdueDigestCommand {
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date written YYYY-MM-DD' }) day?: string;
  @IsOptional() @IsDate() now?: Date;
}
