/** How webhook deliveries are tried; the defaults suit production, tests shorten them. */
export interface WebhookDeliveryOptions {
  /** Pause before the first retry; each further retry doubles it (with ±10% jitter)… */
  firstRetryMs: number;
  /** …up to this pause. */
  maxRetryMs: number;
  /** Retried for this long after the event when webhooks.yaml gives no retryHours. */
  defaultRetryHours: number;
  /** One POST may take this long. */
  timeoutMs: number;
  /** How long a sender holds a delivery it claimed: longer than a POST can take. */
  leaseMs: number;
}
export const WEBHOOK_DELIVERY_OPTIONS = Symbol('WEBHOOK_DELIVERY_OPTIONS');

export const DEFAULT_WEBHOOK_OPTIONS: WebhookDeliveryOptions = {
  firstRetryMs: 10_000,
  maxRetryMs: 30 * 60_000,
  defaultRetryHours: 24,
  timeoutMs: 10_000,
  leaseMs: 60_000,
};

/** The pause after the n-th failed try (n ≥ 1): 10 s, 20 s, 40 s … 30 min, 30 min … */
export function webhookRetryDelayMs(attempts: number, o: Pick<WebhookDeliveryOptions, 'firstRetryMs' | 'maxRetryMs'>, random = Math.random): number {
  const base = Math.min(o.maxRetryMs, o.firstRetryMs * 2 ** Math.min(30, attempts - 1));
  return Math.round(base * (0.9 + 0.2 * random()));
}
