import { CHANNELS, UNIT_TIERS } from '@hub/domain';
import { Bool, Enum, Int, NullableEnum, NullableInt, NullableStr, Str } from '../response-fields';

// What the directory routes (/api/units, /api/categories, /api/regions, /api/sources) answer.

export class DirectoryUnit {
  @Int() id!: number;
  @Str() name!: string;
  @Str({ description: 'department, government or utility (units.yaml)' }) kind!: string;
  @NullableStr() region!: string | null;
  @NullableInt({ description: 'the unit above it (units.yaml parent)' }) parentId!: number | null;
  @NullableEnum(UNIT_TIERS, 'UnitTier', { description: 'city, district, street or community (units.yaml tier)' }) tier!: string | null;
  @Bool({ description: 'a desk (分中心): it may re-dispatch a ticket it holds to a unit whose parent it is (二级派单)' }) desk!: boolean;
}

export class DirectoryCategory {
  @Str({ example: '城市管理/占道经营' }) path!: string;
  @Str() level1!: string;
  @Str() level2!: string;
  @NullableStr({ description: 'the unit template tickets of this category usually go to' }) unit!: string | null;
  @Bool({ description: 'operators answer it directly (直接答复)' }) directAnswer!: boolean;
}

export class DirectoryRegion {
  @Str() name!: string;
  @Str({ description: 'district, county, city, street, town or township (regions.yaml)' }) kind!: string;
}

export class DirectorySource {
  @Int() id!: number;
  @Str() name!: string;
  @Enum(CHANNELS, 'Channel') channel!: string;
}
