import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Int, Str, TimeColumn } from './columns';

const Count = () => Int({ default: 0 });

/**
 * Per-day pre-aggregation of ticket figures (libs/reporting): one row per Shanghai calendar day of
 * receipt, channel, source and one breakdown (`dim`: all | unit | category | region |
 * unit_category | unit_region; `unitId` 0 and `label` '' where the breakdown has none), and the
 * same per calendar month (`dim` month_*, `statDay` YYYY-MM). A year of statistics then sums a few
 * thousand rows instead of scanning a million tickets. Rebuilt per day and month from the tickets
 * by `refreshDailyStats` (days whose tickets changed since the last run).
 */
@Entity('stats_daily')
@Index('uq_stats_daily_cell', ['dim', 'statDay', 'channel', 'sourceId', 'unitId', 'label'], { unique: true })
export class StatsDailyEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(16) dim!: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  @Str(10) statDay!: string;
  @Str(16) channel!: string;
  @Int() sourceId!: number;
  @Int({ default: 0 }) unitId!: number;
  @Str(100, { default: '' }) label!: string;
  @TimeColumn() builtAt!: Date;
  @Count() received!: number;
  @Count() directAnswer!: number;
  @Count() serviceProvided!: number;
  @Count() dispatched!: number;
  @Count() invalid!: number;
  @Count() merged!: number;
  @Count() pending!: number;
  @Count() acknowledged!: number;
  @Count() acknowledgedOnTime!: number;
  @Count() replied!: number;
  @Count() repliedOnTime!: number;
  @Count() repliedLate!: number;
  @Count() closed!: number;
  @Count() resolved!: number;
  @Count() surveyed!: number;
  @Count() satisfied!: number;
  @Count() basicallySatisfied!: number;
  @Count() unsatisfied!: number;
  @Count() extended!: number;
  @Count() extensions!: number;
  @Count() reopened!: number;
  @Count() returns!: number;
  @Count() collective!: number;
  @Count() handled!: number;
  /** Sum of handling times (dispatch to unit reply) in seconds. */
  @Column({ type: 'bigint', default: 0 }) handlingSeconds!: string;
  /** Handling-time histogram, bucket upper bounds in HANDLING_BUCKET_HOURS (stats/stats-columns.ts). */
  @Count() h0!: number;
  @Count() h1!: number;
  @Count() h2!: number;
  @Count() h3!: number;
  @Count() h4!: number;
  @Count() h5!: number;
  @Count() h6!: number;
  @Count() h7!: number;
  @Count() h8!: number;
  @Count() h9!: number;
  @Count() h10!: number;
  @Count() h11!: number;
}
