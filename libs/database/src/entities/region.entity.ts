import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Str } from './columns';

/** A district or county, mirrored from regions.yaml. */
@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(50, { unique: true }) name!: string;
  @Str(16) kind!: string;
}
