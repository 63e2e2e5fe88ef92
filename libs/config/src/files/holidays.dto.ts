import { IsArray, IsOptional } from 'class-validator';

/** Working-day calendar additions: years the calendar package lacks, and local changes. */
export class HolidaysFile {
  /** Dates (YYYY-MM-DD) that are days off. */
  @IsOptional() @IsArray() holidays?: string[];
  /** Weekend dates that are working days (调休). */
  @IsOptional() @IsArray() workdays?: string[];
  /** Years fully described here, so no warning is raised for them. */
  @IsOptional() @IsArray() coveredYears?: number[];
}
