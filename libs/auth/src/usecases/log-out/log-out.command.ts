import { IsString, MinLength } from 'class-validator';

export class LogOutCommand {
  /** The bearer token whose session ends. */
  @IsString() @MinLength(1) token!: string;
}
