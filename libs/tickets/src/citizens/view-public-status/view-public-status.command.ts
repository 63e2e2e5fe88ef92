import { IsString, MaxLength } from 'class-validator';

export class ViewPublicStatusCommand {
  /** As the citizen typed it (full-width, lower case, without the dash...). */
  @IsString() @MaxLength(60) number!: string;
  @IsString() @MaxLength(40) code!: string;
}
