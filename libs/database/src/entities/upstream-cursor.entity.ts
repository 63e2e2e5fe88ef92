import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableText, NullableTime, Str, UpdatedAt } from './columns';

/** Where the pull of one upstream platform's work orders stands: its cursor and health. */
@Entity('upstream_cursors')
export class UpstreamCursorEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** The upstream's code in upstreams.yaml. */
  @Str(40, { unique: true }) upstream!: string;
  /** The upstream's own cursor for the next pull (null: from the start). */
  @NullableText() cursor!: string | null;
  @NullableTime() lastPullAt!: Date | null;
  @NullableTime() lastSuccessAt!: Date | null;
  @NullableText() lastError!: string | null;
  @Int({ default: 0 }) consecutiveFailures!: number;
  /** Work orders taken in (new tickets) since the first pull. */
  @Int({ default: 0 }) pulled!: number;
  @UpdatedAt() updatedAt!: Date;
}
