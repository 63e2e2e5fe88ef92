/**
 * #19 the upstream platform link: a simulated provincial platform hands out work orders page by
 * page; the hub pulls them (its own deadline kept, a page read twice makes nothing twice, the
 * platform away leaves the cursor), and pushes acknowledgement and reply back, signed, in order,
 * through an outage, once each — for its own tickets only.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'fs';
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { IsNull, Not, type DataSource } from 'typeorm';
import { openDatabase, TicketEntity, TypeOrmUnitOfWork, UPSTREAM_CURSORS, WebhookDeliveryEntity } from '@hub/database';
import { systemClock } from '@hub/domain';
import { intakeUseCases } from '@hub/intake';
import { DeliverWebhookUseCase, FetchWebhookPoster } from '@hub/notify';
import { RecordingJobProducer } from '@hub/queue';
import { ApiHarness, startApi } from '@hub/testing';
import { WebhookReceiver } from '../messaging/webhook-receiver';

const SECRET = 'upstream-push-secret-0123456789';
const TOKEN = 'upstream-pull-token';

/** The platform's work orders, in its own field names; a page is `limit` orders from the cursor. */
class UpstreamPlatform {
  readonly orders: Array<Record<string, unknown>> = [];
  down = false;
  readonly asked: string[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.asked.push(url.search);
      if (this.down) return void res.writeHead(503).end('maintenance');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end('no');
      const from = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit'));
      const items = this.orders.slice(from, from + limit);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 0, data: { items, next: String(from + items.length) } }));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

const order = (id: string, content: string | null, deadline = '2031-03-20 18:00') => ({
  gdbh: id,
  sqnr: content,
  lxr: { xm: '周女士', dh: '13700001111' },
  fssj: '2031-03-10 09:30',
  blsx: deadline,
  dz: '青禾市东湖区湖滨新村',
});

describe('an upstream platform: work orders pulled, status pushed back', () => {
  let platform: UpstreamPlatform;
  let receiver: WebhookReceiver;
  let api: ApiHarness;
  let ds: DataSource;

  beforeAll(async () => {
    platform = new UpstreamPlatform();
    receiver = new WebhookReceiver(SECRET);
    const base = await platform.start();
    const pushBase = await receiver.start();
    const dir = mkdtempSync(join(tmpdir(), 'hub-upstream-'));
    cpSync(join(__dirname, '..', '..', 'config'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'upstreams.yaml'),
      [
        'upstreams:',
        '  - name: 省12345平台',
        '    code: province',
        '    channel: hotline',
        `    url: ${base}/api/orders`,
        `    token: ${TOKEN}`,
        '    items: data.items',
        '    nextCursor: data.next',
        '    limit: 2',
        '    fields: { gdbh: externalId, sqnr: text, lxr.xm: name, lxr.dh: phone, fssj: receivedAt, blsx: dueAt, dz: address }',
        '    push:',
        `      url: ${pushBase}/status`,
        `      secret: ${SECRET}`,
        '      events: [acknowledge, reply]',
        '',
      ].join('\n'),
    );
    api = await startApi({ HUB_CONFIG_DIR: dir });
    ds = await openDatabase(api.config.env.database);
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
    await platform?.stop();
    await receiver?.stop();
  });

  const pull = () => intakeUseCases(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), api.config).pullUpstream.execute({ upstream: 'province' });
  const tickets = () => ds.getRepository(TicketEntity).find({ where: { externalId: Not(IsNull()) }, order: { id: 'ASC' } });

  it('takes in each work order once, with the platform’s deadline, and keeps its place through an outage', async () => {
    platform.orders.push(order('SZ-001', '湖滨新村小区门口路灯不亮已经一周'), order('SZ-002', null), order('SZ-003', '东湖区菜市场噪音扰民，凌晨四点开始卸货'));
    const [first] = await pull();
    expect(first).toMatchObject({ upstream: 'province', fetched: 3, created: 2, duplicates: 0, error: null });
    expect(first.refused).toEqual([{ externalId: 'SZ-002', reason: expect.stringContaining('缺少诉求内容') }]);
    // Pages of two, from the start and then from the cursor the platform gave.
    expect(platform.asked).toEqual(['?limit=2', '?cursor=2&limit=2', '?cursor=3&limit=2']);
    const made = await tickets();
    expect(made.map((t) => [t.externalId, t.channel, t.externalDueAt?.toISOString()])).toEqual([
      ['SZ-001', 'hotline', '2031-03-20T10:00:00.000Z'],
      ['SZ-003', 'hotline', '2031-03-20T10:00:00.000Z'],
    ]);

    // The platform away: nothing taken in, the cursor stays, and the failure is visible.
    platform.down = true;
    platform.orders.push(order('SZ-004', '湖滨新村自来水发黄，已经三天'));
    const [away] = await pull();
    expect(away).toMatchObject({ created: 0, error: '上级平台答复 HTTP 503' });
    const [cursor] = await new TypeOrmUnitOfWork(ds, new RecordingJobProducer()).read(UPSTREAM_CURSORS).list();
    expect(cursor).toMatchObject({ upstream: 'province', cursor: '3', consecutiveFailures: 1, lastError: '上级平台答复 HTTP 503' });

    platform.down = false;
    expect((await pull())[0]).toMatchObject({ fetched: 1, created: 1, error: null });

    // A page read again (a pull that died before keeping its cursor): the same orders make nothing new.
    await new TypeOrmUnitOfWork(ds, new RecordingJobProducer()).run((tx) => tx.get(UPSTREAM_CURSORS).update(cursor.id, { cursor: null }));
    expect((await pull())[0]).toMatchObject({ fetched: 4, created: 0, duplicates: 3 });
    expect(await tickets()).toHaveLength(3);
  });

  it('gives the lead unit the platform’s reply deadline, and pushes acknowledgement and reply back through an outage, once each, in order', async () => {
    const [ticket] = await tickets();
    const operator = await api.login('operator');
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
    const dispatched = await api.http().post(`/api/tickets/${ticket.id}/dispatch`).set(auth(operator)).send({ unitId: unit.id });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.replyDueAt).toBe('2031-03-20T10:00:00.000Z');
    const owner = await api.login('unit1');
    expect((await api.http().post(`/api/tickets/${ticket.id}/acknowledge`).set(auth(owner))).status).toBe(200);
    expect(
      (await api.http().post(`/api/tickets/${ticket.id}/reply`).set(auth(owner)).send({ outcome: 'resolved', text: '已更换路灯灯泡，恢复照明。' })).status,
    ).toBe(200);
    // A ticket of the hub's own web form is not the platform's: nothing goes there for it.
    const web = await api.http().post('/api/intake').set(auth(operator)).send({ text: '网上反映：湖滨新村垃圾清运不及时', phone: '13800138009' });
    expect(web.status).toBe(201);

    const rows = await ds.getRepository(WebhookDeliveryEntity).find({ where: { endpoint: 'upstream-province' }, order: { eventId: 'ASC' } });
    expect(rows.map((r) => [r.ticketId, r.eventType])).toEqual([
      [ticket.id, 'acknowledge'],
      [ticket.id, 'reply'],
    ]);
    const deliver = new DeliverWebhookUseCase(
      new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
      systemClock,
      api.config,
      new RecordingJobProducer(),
      new FetchWebhookPoster(),
    );
    receiver.answer = () => 503;
    expect(await deliver.execute({ deliveryId: rows[0].id, attempt: 0 })).toBe('retrying');
    // The reply waits behind the acknowledgement: the platform learns them in the order they happened.
    expect(await deliver.execute({ deliveryId: rows[1].id, attempt: 0 })).toBe('waiting');
    // The desk sees on the ticket that the platform does not know yet, and why.
    const sync = async (id: number) => (await api.http().get(`/api/tickets/${id}`).set(auth(operator))).body.upstreamSync;
    expect(await sync(ticket.id)).toMatchObject({
      platform: expect.any(String),
      status: 'pending',
      statusLabel: '同步中',
      delivered: 0,
      pending: 2,
      failed: 0,
    });
    expect((await sync(ticket.id)).lastError).toMatch(/503/);
    expect(await sync(web.body.id)).toBeNull();
    receiver.answer = () => 200;
    await ds.getRepository(WebhookDeliveryEntity).update(rows[0].id, { nextAttemptAt: new Date() });
    expect(await deliver.execute({ deliveryId: rows[0].id, attempt: 1 })).toBe('delivered');
    expect(await deliver.execute({ deliveryId: rows[1].id, attempt: 0 })).toBe('delivered');
    expect(await deliver.execute({ deliveryId: rows[1].id, attempt: 0 })).not.toBe('delivered');
    expect(await sync(ticket.id)).toMatchObject({ status: 'synced', statusLabel: '已同步', delivered: 2, pending: 0, lastSyncedAt: expect.any(String) });

    const accepted = receiver.accepted('/status');
    expect(accepted.map((r) => [r.event, r.signatureOk, (r.body.ticket as unknown as { externalId: string }).externalId])).toEqual([
      ['acknowledge', true, 'SZ-001'],
      ['reply', true, 'SZ-001'],
    ]);
    expect((accepted[1].body as unknown as { change: { text: string; outcome: string } }).change).toMatchObject({
      text: '已更换路灯灯泡，恢复照明。',
      outcome: 'resolved',
    });
  });
});
