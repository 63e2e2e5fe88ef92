import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** What a person types to log in. */
export class Credentials {
  @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class LogInCommand extends Credentials {
  /** Where the login came from, kept with the session. */
  @IsOptional() @IsString() @MaxLength(64) ip?: string | null;
}
