import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LogInCommand {
  @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
  /** Where the login came from, kept with the session. */
  @IsOptional() @IsString() @MaxLength(64) ip?: string | null;
}
