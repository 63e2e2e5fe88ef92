import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableInt, NullableStr } from './columns';

/**
 * The citizen. Personal data lives here, apart from the ticket, so it can be masked for units
 * (confidential tickets) and matched for repeats (same phone, e-mail or ID number).
 */
@Entity('requesters')
export class RequesterEntity {
  @PrimaryGeneratedColumn() id!: number;
  @NullableStr(100) name!: string | null;
  @Index() @NullableStr(40) phone!: string | null;
  @Index() @NullableStr(200) email!: string | null;
  @Index() @NullableStr(40) idNumber!: string | null;
  @NullableStr(500) address!: string | null;
  /** The ticket this requester was first recorded with (lets bulk imports link rows without per-row round trips). */
  @Index() @NullableInt() originTicketId!: number | null;
  @CreatedAt() createdAt!: Date;
}
