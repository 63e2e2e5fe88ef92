import { WEBHOOK_DELIVERY_STATUSES } from '@hub/database';
import { Enum, Int, ListOf, NullableInt, NullableStr, NullableTime, Str, Time } from '../response-fields';

// What /api/admin/webhooks/* answers: the delivery rows, less the body (the ticket it carries is readable at /api/tickets/:id).

export class WebhookDeliveryView {
  @Int() id!: number;
  @Str({ description: 'the endpoint name in webhooks.yaml' }) endpoint!: string;
  @Int({ description: "the ticket event (the delivery body's `id`)" }) eventId!: number;
  @Str({ description: 'X-Hub-Event' }) eventType!: string;
  @Int() ticketId!: number;
  @Str({ description: 'X-Hub-Delivery: the same on every try of this event to this endpoint' }) deliveryId!: string;
  @Enum(WEBHOOK_DELIVERY_STATUSES, 'WebhookDeliveryStatus', { description: 'failed: given up after its retry hours; an admin may replay it' }) status!: string;
  @Int() attempts!: number;
  @NullableInt({ description: 'the HTTP status of the last try (none: no answer)' }) lastStatusCode!: number | null;
  @NullableStr() lastError!: string | null;
  @NullableTime({ description: 'when the next try is due (pending), or until when a sender holds it (sending)' }) nextAttemptAt!: string | null;
  @NullableTime() deliveredAt!: string | null;
  @Time() createdAt!: string;
}

export class WebhookDeliveryPage {
  @ListOf(WebhookDeliveryView) items!: WebhookDeliveryView[];
  @NullableInt({ description: 'pass as beforeId for the next (older) page; null at the end' }) nextBeforeId!: number | null;
}
