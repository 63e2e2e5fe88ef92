import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, NullableStr, Str } from './columns';

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
  @CreatedAt() createdAt!: Date;
}
