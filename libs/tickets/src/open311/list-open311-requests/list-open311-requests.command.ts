import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class ListOpen311RequestsCommand {
  /** service_request_id values (ticket numbers). */
  @IsOptional() @IsArray() @IsString({ each: true }) numbers?: string[];
  /** tokens/{token}. */
  @IsOptional() @IsArray() @IsString({ each: true }) tokens?: string[];
  @IsOptional() @IsString() serviceCode?: string;
  @IsOptional() from?: Date;
  @IsOptional() to?: Date;
  @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @IsOptional() @IsInt() @Min(1) @Max(1000) limit?: number;
}
