import { IsInt, Min } from 'class-validator';

export class ReparseLetterCommand {
  /** A recorded letter (intake item of kind mail). */
  @IsInt() @Min(1) intakeItemId!: number;
}
