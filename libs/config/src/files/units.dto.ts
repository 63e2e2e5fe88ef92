import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { UNIT_TIERS, type UnitTier } from '@hub/domain';

/** The unit's liaison officer (联络员): SMS reminders and urgent alerts go to this phone. */
export class LiaisonConfig {
  @IsString() name!: string;
  /** A mainland mobile number (+86 and separators allowed). */
  @IsString() @Matches(/^(\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}$/, { message: 'phone must be a mobile number such as 13912345678' }) phone!: string;
}

export class UnitConfig {
  @IsString() name!: string;
  @IsIn(['department', 'government', 'utility']) kind: 'department' | 'government' | 'utility' = 'department';
  /** For a region's own unit (district government, district city-management bureau). */
  @IsOptional() @IsString() region?: string;
  /** The regions it serves (names from regions.yaml) besides `region`: a scoped desk sees their tickets not yet dispatched. */
  @IsOptional() @IsArray() @IsString({ each: true }) regions?: string[];
  /** Where dispatch notices and reminders go. */
  @IsEmail({ require_tld: false }) email!: string;
  @IsOptional() @ValidateNested() @Type(() => LiaisonConfig) liaison?: LiaisonConfig;
  /** The unit above it (a unit's name in this file): a street office's district government, a community's street office. */
  @IsOptional() @IsString() parent?: string;
  /** Its level: city / district / street / community. */
  @IsOptional() @IsIn(UNIT_TIERS, { message: `tier must be one of ${UNIT_TIERS.join(', ')}` }) tier?: UnitTier;
  /** A desk (分中心): it may re-dispatch a ticket it holds to one of the units whose parent it is (二级派单). */
  @IsOptional() @IsBoolean() desk?: boolean;
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
