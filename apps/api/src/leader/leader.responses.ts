import { TICKET_STATUSES } from '@hub/domain';
import { Enum, Int, ListOf, NullableInt, NullableStr, NullableTime, Str, Time } from '../response-fields';

// What /api/leader/cases and /api/leaders answer.

export class LeaderCase {
  @Int() id!: number;
  @Str({ example: 'QH20260302-000123' }) number!: string;
  @NullableStr() subject!: string | null;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str() statusLabel!: string;
  @NullableStr() leadUnit!: string | null;
  @Int() leaderId!: number;
  @Str() leader!: string;
  @Int({ description: 'repeat letters and calls merged into it (重信重访)' }) repeatCount!: number;
  @NullableTime({ description: 'the latest repeat' }) lastRepeatAt!: string | null;
  @Time() receivedAt!: string;
  @NullableTime() replyDueAt!: string | null;
}

export class LeaderCaseList {
  @ListOf(LeaderCase) items!: LeaderCase[];
}

export class LeaderAccount {
  @Int() id!: number;
  @Str() displayName!: string;
}

export class LeaderList {
  @ListOf(LeaderAccount) items!: LeaderAccount[];
}

export class LeaderCaseRef {
  @Int() id!: number;
  @NullableInt() leaderId!: number | null;
}
