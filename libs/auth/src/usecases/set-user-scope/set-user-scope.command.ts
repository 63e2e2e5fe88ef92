import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** `hub user scope`: an account by login name, and the unit (by name) whose sub-tree it works. */
export class SetUserScopeCommand {
  @IsString() @MinLength(1) @MaxLength(64) username!: string;
  /** A unit of units.yaml; absent or null: the whole installation. */
  @IsOptional() @IsString() @MaxLength(100) unitName?: string | null;
}
