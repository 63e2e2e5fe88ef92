import { UNIT_TIERS } from '@hub/domain';
import { Bool, Int, ListOf, NullableEnum, NullableInt, Str } from '../response-fields';

/** A unit a desk unit may hand the ticket down to (二级派单). */
export class SubDispatchUnit {
  @Int() id!: number;
  @Str() name!: string;
  @NullableEnum(UNIT_TIERS, 'UnitTier', { description: 'city, district, street or community' }) tier!: string | null;
}

/** What the acting desk unit may do below it on this ticket. */
export class SubDispatchTargets {
  @Int({ description: 'the acting unit' }) deskUnitId!: number;
  @Bool({ description: 'whether it is a desk (分中心, units.yaml desk: true)' }) desk!: boolean;
  @ListOf(SubDispatchUnit, { description: 'the units whose parent it is' }) units!: SubDispatchUnit[];
  @NullableInt({ description: 'the lower unit’s assignment whose reply waits for 上报 or 退回重办' }) pendingReplyAssignmentId!: number | null;
  @NullableInt({ description: 'the lower unit’s assignment still working on it' }) activeAssignmentId!: number | null;
}
