import { TICKET_STATUSES } from '@hub/domain';
import { Bool, Enum, Int, NullableStr, Str } from '../response-fields';

/** What POST /api/intake answers: the ticket the request became. */
export class IntakeResult {
  @Int() id!: number;
  @Str({ example: 'QH20261129-000123' }) number!: string;
  @NullableStr({ example: 'K7M2Q9XA', description: '查询码 of the new ticket, shown only in this answer (only its hash is kept); null for a duplicate' })
  lookupCode!: string | null;
  @Enum(TICKET_STATUSES, 'TicketStatus') status!: string;
  @Bool({ description: 'the externalId was posted before: this is that ticket, nothing new was recorded' }) duplicate!: boolean;
}
