import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, NullableStr, Str } from './columns';

/** A two-level category (一级/二级), mirrored from taxonomy.yaml for queries and reports. */
@Entity('categories')
export class CategoryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(100, { unique: true }) path!: string;
  @Str(50) level1!: string;
  @Str(50) level2!: string;
  /** The unit template from taxonomy.yaml (may hold {region}). */
  @NullableStr(100) unitTemplate!: string | null;
  @Bool() directAnswer!: boolean;
}
