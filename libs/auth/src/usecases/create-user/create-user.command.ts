import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../roles';

export class CreateUserCommand {
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: 'username must be 2-64 letters, digits, _ . -' }) username!: string;
  @IsString() @MinLength(1) @MaxLength(100) displayName!: string;
  @IsIn(ROLES as unknown as string[]) role!: Role;
  /** Checked against the password rules (password-rules.ts) by the use case. */
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
  /** The units a unit user works for. */
  @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  /** An operator's, supervisor's or leader's scope: this unit's sub-tree (absent or null: the whole installation). */
  @IsOptional() @IsInt() scopeUnitId?: number | null;
}
