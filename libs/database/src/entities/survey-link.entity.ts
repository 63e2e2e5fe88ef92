import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableStr, NullableText, NullableTime, Str, TimeColumn } from './columns';

/**
 * A 回访 link sent to a requester once the ticket was replied (`/q/s/<token>`): the token is kept
 * only as its SHA-256; one answer per ticket, none after `expiresAt`.
 */
@Entity('survey_links')
@Index('ix_survey_link_ticket', ['ticketId'])
export class SurveyLinkEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() ticketId!: number;
  @Str(64, { unique: true }) tokenHash!: string;
  @TimeColumn() expiresAt!: Date;
  @NullableTime() answeredAt!: Date | null;
  /** 是 | 否: did the unit contact the requester. */
  @NullableStr(4) contacted!: string | null;
  /** 是 | 否: is the problem solved. */
  @NullableStr(4) resolved!: string | null;
  @NullableStr(8) rating!: string | null;
  @NullableText() comment!: string | null;
  @CreatedAt() createdAt!: Date;
}
