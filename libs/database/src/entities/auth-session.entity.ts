import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableStr, Str, TimeColumn } from './columns';

/** A login: only the token's hash is stored, and it expires. */
@Entity('auth_sessions')
@Index('ix_session_expiry', ['expiresAt'])
export class AuthSessionEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(64, { unique: true }) tokenHash!: string;
  @Int() userId!: number;
  @TimeColumn() expiresAt!: Date;
  @NullableStr(64) ip!: string | null;
  @CreatedAt() createdAt!: Date;
}
