import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEmail, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

/**
 * One city of a province installation (cities.yaml). The city is a unit of its own (tier city, a
 * desk), created from this entry; its folder may add units (its sub-tree), regions, categories and
 * working-day overrides, each in the file of the same name as the installation's.
 */
export class CityConfig {
  /** The city's unit (its 12345 desk), e.g. 蓝山市12345热线; the name users, sources and mailboxes bind to. */
  @IsString() name!: string;
  /** Its ticket number prefix (LS20261206-000123), 1-6 capital letters, unlike any other city's. */
  @Matches(/^[A-Z]{1,6}$/, { message: 'prefix must be 1-6 capital letters' }) prefix!: string;
  /** Where the city desk's own notices go. */
  @IsEmail({ require_tld: false }) email!: string;
  /** The From of every mail sent about the city's tickets (default: HUB_MAIL_FROM). */
  @IsOptional() @IsString() mailFrom?: string;
  /**
   * A folder of the config dir (e.g. cities/lanshan) holding the city's own units.yaml, regions.yaml,
   * taxonomy.yaml (additions) and holidays.yaml (on top of the national calendar); each optional.
   */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_\-/]+$/, { message: 'folder must be a relative path of letters, digits, -, _ and /' }) folder?: string;
  /** Part of the demo: loaded only when NODE_ENV is not production. */
  @IsOptional() @IsBoolean() demo?: boolean;
}

export class CitiesFile {
  /** The province desk's unit (a unit of units.yaml), above the cities; none: the installation's own desk is the top. */
  @IsOptional() @IsString() province?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CityConfig) cities: CityConfig[] = [];
}
