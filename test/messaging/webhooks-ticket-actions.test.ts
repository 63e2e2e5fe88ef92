import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openDatabase, TypeOrmUnitOfWork, WebhookDeliveryEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock, systemClock } from '@hub/domain';
import { DeliverWebhookUseCase, FetchWebhookPoster } from '@hub/notify';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { ApiHarness, startApi } from '@hub/testing';
import { WebhookReceiver } from './webhook-receiver';

const SECRET = 'actions-secret-0123456789';

describe('ticket actions taken through the API reach a webhook receiver', () => {
  let api: ApiHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = new WebhookReceiver(SECRET);
    const base = await receiver.start();
    const dir = mkdtempSync(join(tmpdir(), 'hub-hook-actions-'));
    cpSync(join(__dirname, '..', '..', 'config'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'webhooks.yaml'),
      `webhooks:\n  - { name: platform, url: "${base}/events", secret: "${SECRET}", events: [received, dispatch, acknowledge, reminder, escalation] }\n`,
    );
    api = await startApi({ HUB_CONFIG_DIR: dir });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await receiver?.stop();
  });

  it('each event the endpoint asked for has one delivery, written with the action, and goes out signed in the order it happened', async () => {
    const operator = await api.login('operator');
    const intake = await api
      .http()
      .post('/api/intake')
      .set('Authorization', `Bearer ${operator}`)
      .send({ text: '东湖区湖滨新村小区物业擅自上调物业费，请核查', name: '王先生', phone: '13800138000' });
    expect(intake.status).toBe(201);
    const ticketId = intake.body.id as number;
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    expect((await api.http().post(`/api/tickets/${ticketId}/dispatch`).set('Authorization', `Bearer ${operator}`).send({ unitId: unit.id })).status).toBe(200);
    const owner = await api.login('unit1');
    expect((await api.http().post(`/api/tickets/${ticketId}/acknowledge`).set('Authorization', `Bearer ${owner}`)).status).toBe(200);

    const ds = await openDatabase(api.config.env.database);
    try {
      const rows = await ds.getRepository(WebhookDeliveryEntity).find({ where: { ticketId }, order: { eventId: 'ASC' } });
      expect(rows.map((r) => [r.endpoint, r.eventType, r.status])).toEqual([
        ['platform', 'received', 'pending'],
        ['platform', 'dispatch', 'pending'],
        ['platform', 'acknowledge', 'pending'],
      ]);
      // The worker's job, run here: the last one first, as a queue may; it waits for the earlier ones.
      const deliver = new DeliverWebhookUseCase(
        new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
        systemClock,
        api.config,
        new RecordingJobProducer(),
        new FetchWebhookPoster(),
      );
      expect(await deliver.execute({ deliveryId: rows[2].id, attempt: 0 })).toBe('waiting');
      for (const r of rows) expect(await deliver.execute({ deliveryId: r.id, attempt: 0 })).toBe('delivered');
    } finally {
      await ds.destroy();
    }
    expect(receiver.requests.map((r) => [r.event, r.signatureOk, r.body.ticket?.id])).toEqual([
      ['received', true, ticketId],
      ['dispatch', true, ticketId],
      ['acknowledge', true, ticketId],
    ]);
    expect(receiver.requests[2].body.ticket?.status).toBe('acknowledged');
  });

  it('reminders and escalations (written in bulk) reach the endpoint too, one delivery per event', async () => {
    const operator = await api.login('operator');
    const intake = await api
      .http()
      .post('/api/intake')
      .set('Authorization', `Bearer ${operator}`)
      .send({ text: '东湖区湖滨新村路灯不亮已经一周', phone: '13800138001' });
    const ticketId = intake.body.id as number;
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    expect((await api.http().post(`/api/tickets/${ticketId}/dispatch`).set('Authorization', `Bearer ${operator}`).send({ unitId: unit.id })).status).toBe(200);

    const ds = await openDatabase(api.config.env.database);
    try {
      // A sweep a week later: the unit never signed, so it is reminded (超期) and escalated (督办).
      const sweep = reminderUseCases({
        uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
        clock: fixedClock(new Date(Date.now() + 7 * 86_400_000)),
        config: api.config,
        policies: loadDeadlinePolicies(api.config),
        jobs: new RecordingJobProducer(),
      }).sweep;
      await sweep.execute({ digests: false });
      const rows = await ds.getRepository(WebhookDeliveryEntity).find({ where: { ticketId }, order: { eventId: 'ASC' } });
      const swept = rows.filter((r) => r.eventType === 'reminder' || r.eventType === 'escalation');
      expect(swept.map((r) => r.eventType)).toEqual(expect.arrayContaining(['reminder', 'escalation']));
      expect(new Set(swept.map((r) => r.eventId)).size).toBe(swept.length);
    } finally {
      await ds.destroy();
    }
  });
});
