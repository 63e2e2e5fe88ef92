import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Rating, RATINGS } from '@hub/domain';
import { TicketCommand } from '../shared/command-fields';

export class SurveyTicketCommand extends TicketCommand {
  @IsIn(RATINGS as unknown as string[]) rating!: Rating;
  @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}
