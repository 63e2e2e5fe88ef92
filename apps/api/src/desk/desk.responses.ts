import { TICKET_STATUSES } from '@hub/domain';
import { Bool, Enum, Int, ListOf, NullableStr, Str, Time } from '../response-fields';

// What the desk's caller history answers (GET /api/tickets/:id/caller-history, GET /api/callers/history).

export class CallerHistoryItem {
  @Int() id!: number;
  @Str({ example: 'QH20261123-000003' }) number!: string;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Str({ description: 'the status in Chinese' }) statusLabel!: string;
  @Time() receivedAt!: string;
  @NullableStr() category!: string | null;
  @NullableStr({ description: 'the lead unit (承办单位), if it was dispatched' }) unit!: string | null;
  @Str({ description: 'the first 80 characters of the text' }) summary!: string;
  @Bool({ description: 'an open ticket: this call can be merged into it (并单)' }) mergeable!: boolean;
}

export class CallerHistory {
  @NullableStr({ description: 'the phone as stored (digits); null when the caller left none' }) phone!: string | null;
  @ListOf(CallerHistoryItem, { description: 'newest first, at most 20' }) items!: CallerHistoryItem[];
}
