import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@hub/domain';
import { Bool, CreatedAt, Str } from './columns';

/** A named intake line or mailbox (市长公开电话, 市长信箱...): reports count by it. */
@Entity('sources')
export class SourceEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(100, { unique: true }) name!: string;
  /** hotline | mailbox | web */
  @Str(16) channel!: Channel;
  @Bool(true) active!: boolean;
  @CreatedAt() createdAt!: Date;
}
