import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';

export class UnitConfig {
  @IsString() name!: string;
  @IsIn(['department', 'government', 'utility']) kind: 'department' | 'government' | 'utility' = 'department';
  /** For a region's own unit (district government, district city-management bureau). */
  @IsOptional() @IsString() region?: string;
  /** Where dispatch notices and reminders go. */
  @IsEmail({ require_tld: false }) email!: string;
}

export class SupervisorConfig {
  @IsString() name!: string;
  @IsEmail({ require_tld: false }) email!: string;
}

export class UnitsFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => UnitConfig) units: UnitConfig[] = [];
  /** Duty supervisors (督办): escalations, urgent alerts, digests. */
  @IsArray() @ValidateNested({ each: true }) @Type(() => SupervisorConfig) supervisors: SupervisorConfig[] = [];
}
