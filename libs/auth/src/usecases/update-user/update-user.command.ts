import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../roles';

/** What an administrator may change of an account (all optional). */
export class UpdateUserFields {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @IsOptional() @IsIn(ROLES as unknown as string[]) role?: Role;
  @IsOptional() @IsString() @MinLength(8, { message: 'password must be at least 8 characters' }) @MaxLength(200) password?: string;
  /** Replaces the units it works for. */
  @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateUserCommand extends UpdateUserFields {
  @IsInt() userId!: number;
}
