import { Inject, Injectable, Optional } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWork, WEBHOOK_DELIVERIES, WebhookDelivery } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { webhookBody, webhookDeliveryId } from '../../webhooks/webhook-body';
import { DEFAULT_WEBHOOK_OPTIONS, WEBHOOK_DELIVERY_OPTIONS, WebhookDeliveryOptions, webhookRetryDelayMs } from '../../webhooks/webhook-options';
import { WEBHOOK_POSTER, WebhookPoster } from '../../webhooks/webhook-poster';
import { webhookSignature } from '../../webhooks/webhook-signature';
import { validateCommand } from '@hub/database';
import { DeliverWebhookCommand } from './deliver-webhook.command';

export type DeliverWebhookResult = 'delivered' | 'retrying' | 'failed' | 'waiting' | 'in-progress' | 'not-due' | 'already-delivered' | 'missing';

/**
 * POSTs one ticket event to one endpoint, signed. Any 2xx is success; anything else (or no answer
 * in time) is retried by a new delayed job with a growing pause, for the endpoint's retryHours,
 * then the delivery is failed (visible to admins, replayable). In order per ticket: while an
 * earlier event of the ticket is pending for the endpoint this one waits, and whichever finishes
 * (delivered or failed) queues the next. A claim with a lease makes two workers holding the same
 * job send it once.
 */
@Injectable()
export class DeliverWebhookUseCase {
  private readonly o: WebhookDeliveryOptions;
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(WEBHOOK_POSTER) private readonly poster: WebhookPoster,
    @Optional() @Inject(WEBHOOK_DELIVERY_OPTIONS) options?: Partial<WebhookDeliveryOptions>,
  ) {
    this.o = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
  }

  async execute(input: DeliverWebhookCommand): Promise<DeliverWebhookResult> {
    const { deliveryId } = validateCommand(DeliverWebhookCommand, input);
    const repo = this.uow.read(WEBHOOK_DELIVERIES);
    const d = await repo.find(deliveryId);
    if (!d) return 'missing';
    if (d.status === 'delivered') return 'already-delivered';
    if (d.status === 'failed') return 'failed';
    if (await repo.hasEarlierOpen(d)) return 'waiting';
    const now = this.clock.now();
    if (!(await repo.claim(d.id, now, this.o.leaseMs))) {
      const status = (await repo.find(d.id))?.status;
      return status === 'sending' ? 'in-progress' : status === 'delivered' ? 'already-delivered' : 'not-due';
    }
    const attempts = d.attempts + 1;

    const endpoint = this.config.webhooks.webhooks.find((w) => w.name === d.endpoint);
    if (!endpoint) return this.fail(d, attempts, null, `endpoint ${d.endpoint} is no longer in webhooks.yaml`, now, true);
    let body = d.body;
    if (!body) {
      const facts = await repo.eventFacts(d.eventId);
      if (!facts) return this.fail(d, attempts, null, `ticket event ${d.eventId} no longer exists`, now, true);
      body = webhookBody(facts, this.config.env.ticketPrefix, { forOrigin: Boolean(endpoint.source) });
      await repo.keepBody(d.id, body);
    }
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'hub12345-webhooks',
      'X-Hub-Event': d.eventType,
      'X-Hub-Delivery': webhookDeliveryId(d.eventId, d.endpoint),
      'X-Hub-Signature-256': webhookSignature(endpoint.secret, body),
    };
    let status: number | null = null;
    let error: string;
    try {
      const res = await this.poster.post(endpoint.url, body, headers, this.o.timeoutMs);
      status = res.status;
      if (status >= 200 && status < 300) {
        await repo.recordDelivered(d.id, { at: this.clock.now(), attempts, statusCode: status });
        await this.queueNext(d);
        return 'delivered';
      }
      error = `HTTP ${status}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs} ms` : (e as Error).message;
    }
    const giveUpAt = d.createdAt.getTime() + (endpoint.retryHours ?? this.o.defaultRetryHours) * 3_600_000;
    return this.fail(d, attempts, status, error, now, now.getTime() >= giveUpAt);
  }

  private async fail(d: WebhookDelivery, attempts: number, statusCode: number | null, error: string, now: Date, final: boolean): Promise<DeliverWebhookResult> {
    const delay = webhookRetryDelayMs(attempts, this.o);
    const retryAt = new Date(now.getTime() + delay);
    await this.uow.read(WEBHOOK_DELIVERIES).recordFailure(d.id, { attempts, statusCode, error, final, retryAt });
    if (final) {
      await this.queueNext(d);
      return 'failed';
    }
    await this.jobs.add('webhook-deliver', { deliveryId: d.id, attempt: attempts }, { delayMs: delay }).catch(() => undefined); // Redis away: the webhook sweep queues it when it is due
    return 'retrying';
  }

  /** The ticket's next event for this endpoint may go now. */
  private async queueNext(d: WebhookDelivery): Promise<void> {
    const next = await this.uow.read(WEBHOOK_DELIVERIES).nextInLine(d);
    if (next) await this.jobs.add('webhook-deliver', { deliveryId: next.id, attempt: next.attempts }).catch(() => undefined);
  }
}
