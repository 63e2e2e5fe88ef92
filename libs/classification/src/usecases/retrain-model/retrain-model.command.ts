import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RetrainModelCommand {
  /** Why (scheduled, an administrator's request…): written in the log and the result. */
  @IsString() @IsNotEmpty() @MaxLength(200) reason!: string;
}
