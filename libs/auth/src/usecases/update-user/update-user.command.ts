import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../roles';

/** What an administrator may change of an account (all optional). */
export class UpdateUserFields {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) displayName?: string;
  @IsOptional() @IsIn(ROLES as unknown as string[]) role?: Role;
  /** A new password the user must change at their next login (password-rules.ts). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) password?: string;
  /** Replaces the units it works for. */
  @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @IsOptional() @IsBoolean() active?: boolean;
  /** The unit whose sub-tree an operator, supervisor or leader works; null: the whole installation again. */
  @IsOptional() @IsInt() scopeUnitId?: number | null;
}

export class UpdateUserCommand extends UpdateUserFields {
  @IsInt() userId!: number;
}
