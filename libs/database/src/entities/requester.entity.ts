import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableStr } from './columns';

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
  @CreatedAt() createdAt!: Date;
}
