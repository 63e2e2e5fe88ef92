import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';

export class PlaceConfig {
  /** A street (街道), town (镇) or township (乡). */
  @IsString() name!: string;
  @IsIn(['street', 'town', 'township']) kind: 'street' | 'town' | 'township' = 'street';
  /** Communities, villages, roads and landmarks inside it. */
  @IsArray() @IsString({ each: true }) landmarks: string[] = [];
}

export class RegionConfig {
  @IsString() name!: string;
  @IsIn(['district', 'county', 'city']) kind: 'district' | 'county' | 'city' = 'district';
  @IsOptional() @IsArray() @IsString({ each: true }) aliases?: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => PlaceConfig) places: PlaceConfig[] = [];
}

export class RegionsFile {
  @IsString() city = '青禾市';
  @IsArray() @ValidateNested({ each: true }) @Type(() => RegionConfig) regions: RegionConfig[] = [];
}
