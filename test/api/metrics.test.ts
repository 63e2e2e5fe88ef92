/**
 * /metrics as Prometheus reads it: every ticket status (0 included), overdue tickets, HTTP latency
 * by route pattern, intake lag per source and mailbox, queue wait times.
 */
import type { DataSource } from 'typeorm';
import { ApiHarness, startApi } from '@hub/testing';
import { DeadlineEntity, MailboxStateEntity, openDatabase } from '@hub/database';
import { BullmqProducer, JOB_PRODUCER } from '@hub/queue';

const HOUR = 3600_000;

/** The value of one sample: the metric's line carrying every given label. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let text = '';
  let source = '';
  let queueName = '';

  beforeAll(async () => {
    api = await startApi();
    ds = await openDatabase(api.config.env.database);
    const operator = await api.login('operator');
    const auth = { Authorization: `Bearer ${operator}` };
    // A call received at the hotline two hours before the hub took it in.
    const intake = await api
      .http()
      .post('/api/intake')
      .set(auth)
      .send({ text: '路口红绿灯坏了，早晚高峰车辆乱行', name: '赵先生', phone: '13900000004', receivedAt: new Date(Date.now() - 2 * HOUR).toISOString() });
    expect(intake.status).toBe(201);
    const id = intake.body.id as number;
    source = (await api.http().get(`/api/tickets/${id}`).set(auth)).body.source;
    // Its reply limit passed an hour ago.
    await ds
      .getRepository(DeadlineEntity)
      .insert({ ticketId: id, stage: 'reply', startAt: new Date(Date.now() - 3 * HOUR), dueAt: new Date(Date.now() - HOUR), status: 'open' });
    await ds.getRepository(MailboxStateEntity).insert({ mailbox: '市长信箱', folder: 'INBOX', lastSuccessAt: new Date(Date.now() - 300_000) });
    // A job added a minute ago that no worker has taken.
    const producer = api.app.get<BullmqProducer>(JOB_PRODUCER);
    const [name, q] = Object.entries(producer.queues)[0];
    queueName = name;
    const job = await q.add('metrics-probe', {}, { timestamp: Date.now() - 60_000 });

    expect((await api.http().get('/api/tickets/999999').set(auth)).status).toBe(404);
    const res = await api.http().get('/metrics');
    expect(res.status).toBe(200);
    text = res.text;
    await job.remove();
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  it('keeps statuses without tickets at 0 and counts the overdue ticket', () => {
    const statuses = text.split('\n').filter((l) => l.startsWith('hub_tickets{status='));
    expect(statuses.length).toBeGreaterThanOrEqual(17);
    expect(statuses.reduce((n, l) => n + Number(l.split(' ')[1]), 0)).toBe(1);
    expect(sample(text, 'hub_tickets', { status: 'closed' })).toBe(0);
    expect(sample(text, 'hub_tickets', { status: 'suspended' })).toBe(0);
    expect(sample(text, 'hub_tickets_overdue')).toBe(1);
    expect(sample(text, 'hub_tickets_overdue_by_stage', { stage: 'reply' })).toBe(1);
    expect(sample(text, 'hub_tickets_overdue_by_stage', { stage: 'dispatch' })).toBe(0);
  });

  it('times HTTP requests by route pattern, method and status', () => {
    expect(sample(text, 'hub_http_request_duration_seconds_count', { route: '/api/tickets/:id', method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'hub_http_request_duration_seconds_count', { route: '/api/intake', method: 'POST', status: '201' })).toBe(1);
    expect(text).not.toContain('route="/api/tickets/999999"');
  });

  it('reports intake lag per source and mailbox', () => {
    expect(source).toBeTruthy();
    expect(sample(text, 'hub_intake_lag_seconds', { source })).toBeGreaterThanOrEqual(2 * 3600 - 60);
    expect(sample(text, 'hub_intake_idle_seconds', { source })).toBeLessThan(600);
    const poll = sample(text, 'hub_mailbox_poll_age_seconds', { mailbox: '市长信箱' });
    expect(poll).toBeGreaterThanOrEqual(300);
    expect(poll).toBeLessThan(900);
  });

  it('reports how long the oldest waiting job has waited', () => {
    const queue = queueName;
    expect(sample(text, 'hub_queue_oldest_waiting_seconds', { queue })).toBeGreaterThanOrEqual(60);
    expect(sample(text, 'hub_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(1);
  });
});
