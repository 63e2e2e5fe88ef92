import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

export class CategoryConfig {
  /** 一级/二级, e.g. 城市管理/占道经营 */
  @IsString()
  @Matches(/^[^/]+\/[^/]+$/, { message: 'path must be 一级/二级 (two levels separated by /)' })
  path!: string;
  /** Handling unit; `{region}` is replaced by the region where the problem is. Absent when answered directly. */
  @IsOptional() @IsString() unit?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) assistUnits?: string[];
  @IsOptional() @IsBoolean() directAnswer?: boolean;
  @IsOptional() @IsString() urgentWhen?: string;
  /** Confidence above which an item of this category is dispatched without an operator. */
  @IsOptional() autoThreshold?: number;
}

export class TaxonomyFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CategoryConfig)
  categories: CategoryConfig[] = [];
}
