import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';

/** A sign that an item is urgent or sensitive (gas leak, fire, threats of extreme action...). */
export class UrgencySignalConfig {
  @IsString() name!: string;
  /** Any of these phrases (or regular expressions when written /.../) marks the signal. */
  @IsArray() @IsString({ each: true }) patterns: string[] = [];
  /** Phrases that cancel the signal when they appear in the same text (e.g. 已修复). */
  @IsOptional() @IsArray() @IsString({ each: true }) unless?: string[];
  /** Alert the duty supervisor at once. */
  @IsOptional() sensitive?: boolean;
}

export class UrgencyFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => UrgencySignalConfig) signals: UrgencySignalConfig[] = [];
}
