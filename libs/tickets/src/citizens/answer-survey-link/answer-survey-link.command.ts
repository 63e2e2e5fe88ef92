import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { type Rating, RATINGS } from '@hub/domain';
import { ViewSurveyLinkCommand } from '../view-survey-link/view-survey-link.command';

export class AnswerSurveyLinkCommand extends ViewSurveyLinkCommand {
  @IsIn(['是', '否'], { message: 'contacted must be 是 or 否' }) contacted!: '是' | '否';
  @IsIn(['是', '否'], { message: 'resolved must be 是 or 否' }) resolved!: '是' | '否';
  @IsIn(RATINGS as unknown as string[], { message: `rating must be one of ${RATINGS.join(', ')}` }) rating!: Rating;
  @IsOptional() @IsString() @MaxLength(1000) comment?: string | null;
}
