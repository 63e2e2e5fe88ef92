import { IsObject, IsOptional } from 'class-validator';

/**
 * Time limits and reminder stages. The deadlines library owns the shape and its validation
 * (libs/deadlines); here the file is only read.
 */
export class PoliciesFile {
  @IsOptional() @IsObject() defaults?: Record<string, unknown>;
  @IsOptional() rules?: unknown[];
  @IsOptional() @IsObject() reminders?: Record<string, unknown>;
}
