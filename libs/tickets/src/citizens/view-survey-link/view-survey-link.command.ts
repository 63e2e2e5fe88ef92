import { IsString, Matches } from 'class-validator';

export class ViewSurveyLinkCommand {
  /** The token of `/q/s/<token>`. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{16,64}$/, { message: 'token must be the token of a survey link' }) token!: string;
}
