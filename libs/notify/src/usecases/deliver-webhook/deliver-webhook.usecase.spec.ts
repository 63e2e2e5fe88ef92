import { loadConfig } from '@hub/config';
import { InMemoryUnitOfWork, InMemoryWebhookDeliveryRepository, TicketEventEntity, WEBHOOK_DELIVERIES } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { verifyWebhookSignature } from '../../webhooks/webhook-signature';
import type { WebhookPoster } from '../../webhooks/webhook-poster';
import { DeliverWebhookUseCase } from './deliver-webhook.usecase';

const SECRET = 'spec-secret-0123456789';

class FakeReceiver implements WebhookPoster {
  readonly got: Array<{ body: string; headers: Record<string, string> }> = [];
  status = 200;
  async post(_url: string, body: string, headers: Record<string, string>) {
    this.got.push({ body, headers });
    return { status: this.status, text: this.status === 200 ? 'ok' : 'down' };
  }
}

function world() {
  const config = { ...loadConfig({ HUB_CONFIG_DIR: `${__dirname}/../../../../../config` }) };
  config.webhooks = { webhooks: [{ name: 'board', url: 'http://127.0.0.1:9/hook', secret: SECRET, events: 'all', retryHours: 2 }] };
  const repo = new InMemoryWebhookDeliveryRepository();
  const uow = new InMemoryUnitOfWork().provide(WEBHOOK_DELIVERIES, repo);
  const jobs = new RecordingJobProducer();
  const receiver = new FakeReceiver();
  const at = (iso: string) => new DeliverWebhookUseCase(uow, fixedClock(iso), config, jobs, receiver, { firstRetryMs: 1000, maxRetryMs: 8000 });
  for (const id of [1, 2]) {
    repo.facts.set(id, {
      event: {
        id,
        ticketId: 7,
        type: id === 1 ? 'dispatch' : 'acknowledge',
        at: new Date('2026-03-02T02:00:00Z'),
        actorKind: 'system',
        actorName: '系统',
      } as TicketEventEntity,
      ticket: { id: 7, receivedAt: new Date('2026-03-02T01:00:00Z'), status: 'dispatched' } as never,
      source: '市长信箱',
      unit: '市住房和城乡建设局',
    });
    repo.add({ eventId: id, endpoint: 'board', ticketId: 7, eventType: id === 1 ? 'dispatch' : 'acknowledge', createdAt: new Date('2026-03-02T02:00:00Z') });
  }
  return { repo, jobs, receiver, at };
}

describe('deliver a webhook', () => {
  it("posts the event signed with the endpoint's secret, with the event and a stable delivery id, then lets the next event of the ticket go", async () => {
    const w = world();
    expect(await w.at('2026-03-02T02:00:01Z').execute({ deliveryId: 1, attempt: 0 })).toBe('delivered');
    const [got] = w.receiver.got;
    expect(verifyWebhookSignature(SECRET, got.body, got.headers['X-Hub-Signature-256'])).toBe(true);
    expect(got.headers).toMatchObject({ 'X-Hub-Event': 'dispatch', 'X-Hub-Delivery': '1-board' });
    expect(JSON.parse(got.body)).toMatchObject({
      id: '1',
      event: 'dispatch',
      at: '2026-03-02T02:00:00.000Z',
      ticket: { id: 7, number: 'QH20260302-000007', source: '市长信箱', unit: '市住房和城乡建设局' },
    });
    expect(w.jobs.jobs).toEqual([{ name: 'webhook-deliver', payload: { deliveryId: 2, attempt: 0 }, delayMs: undefined }]);
  });

  it('keeps a later event waiting while an earlier one of the same ticket is not through', async () => {
    const w = world();
    expect(await w.at('2026-03-02T02:00:01Z').execute({ deliveryId: 2, attempt: 0 })).toBe('waiting');
    expect(w.receiver.got).toEqual([]);
  });

  it("retries a 503 with the same body and id after a growing pause, and gives up after the endpoint's retry hours", async () => {
    const w = world();
    w.receiver.status = 503;
    expect(await w.at('2026-03-02T02:00:01Z').execute({ deliveryId: 1, attempt: 0 })).toBe('retrying');
    expect(w.jobs.jobs[0]).toMatchObject({ name: 'webhook-deliver', payload: { deliveryId: 1, attempt: 1 } });
    expect(w.jobs.jobs[0].delayMs).toBeGreaterThanOrEqual(900);
    expect(await w.at('2026-03-02T02:00:03Z').execute({ deliveryId: 1, attempt: 1 })).toBe('retrying');
    expect(w.jobs.jobs[1].delayMs).toBeGreaterThanOrEqual(1800);
    expect(new Set(w.receiver.got.map((g) => g.body)).size).toBe(1);
    expect(await w.at('2026-03-02T04:00:01Z').execute({ deliveryId: 1, attempt: 2 })).toBe('failed');
    expect(await w.repo.find(1)).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503 });
    // Given up: the next event of the ticket goes.
    expect(w.jobs.jobs[2]).toMatchObject({ payload: { deliveryId: 2, attempt: 0 } });
  });
});
