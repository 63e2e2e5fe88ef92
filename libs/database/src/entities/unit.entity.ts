import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, JsonColumn, NullableInt, NullableStr, Str } from './columns';

/** A handling unit (承办单位): department, district government or utility. */
@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(100, { unique: true }) name!: string;
  /** department | government | utility */
  @Str(16) kind!: string;
  @NullableStr(50) region!: string | null;
  @Str(200) email!: string;
  @Bool(true) active!: boolean;
  /** The unit above it (units.yaml `parent`): a street office's district, a community's street office. */
  @NullableInt() parentId!: number | null;
  /** city | district | street | community (UNIT_TIERS), or none. */
  @NullableStr(16) tier!: string | null;
  /** A desk (分中心) may re-dispatch a ticket it holds to a unit whose parent it is (二级派单). */
  @Bool(false) desk!: boolean;
  /** The regions it serves (units.yaml `regions`, names from regions.yaml) besides its own `region`; null: none listed. */
  @JsonColumn() regions!: string[] | null;
  @CreatedAt() createdAt!: Date;
}
