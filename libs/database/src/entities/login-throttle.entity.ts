import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableTime, Str, TimeColumn } from './columns';

/**
 * Failed logins per account, per account and address, and per address, with the pause they
 * impose: in the database so every API process and a restart see the same counts.
 */
@Entity('login_throttles')
@Index('ix_login_throttle_last', ['lastFailureAt'])
export class LoginThrottleEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** `account:<username>`, `account-ip:<username>|<ip>` or `ip:<ip>` (username lower-cased). */
  @Str(200, { unique: true }) throttleKey!: string;
  @Int({ default: 0 }) failures!: number;
  @TimeColumn() lastFailureAt!: Date;
  /** No login is tried for this key before then. */
  @NullableTime() blockedUntil!: Date | null;
}
