import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableStr, NullableTime, Str, TimeColumn } from './columns';

/** A collective matter or hot topic: many requesters on one place and matter (集体访 / 热点). */
@Entity('clusters')
export class ClusterEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(200, { unique: true }) key!: string;
  @NullableStr(100) category!: string | null;
  @NullableStr(50) region!: string | null;
  @Str(300) title!: string;
  @TimeColumn() firstAt!: Date;
  @TimeColumn() lastAt!: Date;
  @Int({ default: 0 }) ticketCount!: number;
  @Int({ default: 0 }) requesterCount!: number;
  /** open | flagged | closed */
  @Str(12) status!: string;
  @NullableTime() flaggedAt!: Date | null;
}
