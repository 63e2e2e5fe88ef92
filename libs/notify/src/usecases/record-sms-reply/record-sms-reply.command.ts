import { IsDate, IsString, MaxLength, MinLength } from 'class-validator';

export class RecordSmsReplyCommand {
  @IsString() @MinLength(1) @MaxLength(40) phone!: string;
  @IsString() @MaxLength(2000) text!: string;
  @IsDate() at!: Date;
}
