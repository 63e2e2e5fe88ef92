import { Int, NullableInt, Str } from '../response-fields';

/** GET /api/tickets/triage-version */
export class TriageVersion {
  @Int({ description: 'tickets in 待分拨' }) count!: number;
  @NullableInt({ description: 'the newest ticket in 待分拨' }) latestId!: number | null;
  @Str({ description: 'opaque; changes whenever a ticket enters, leaves or changes in 待分拨' }) version!: string;
}
