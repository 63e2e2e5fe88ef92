import { IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** What a person types to change their own password. */
export class PasswordChange {
  @IsString() @MinLength(1) @MaxLength(200) currentPassword!: string;
  /** Checked against the password rules (password-rules.ts). */
  @IsString() @MinLength(1) @MaxLength(200) newPassword!: string;
}

export class ChangePasswordCommand extends PasswordChange {
  @IsInt() userId!: number;
  /** The session it is done from, kept; every other session of the user ends. */
  @IsOptional() @IsString() keepTokenHash?: string;
}
