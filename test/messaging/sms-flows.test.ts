/**
 * The messaging flows end to end, as users notice them: the hub's own API and worker on MariaDB
 * and Redis, SMS_URL pointing at a real SMPP server. A phone-only caller recorded by an operator
 * gets one receipt SMS, and one survey link once the unit replied; the unit's liaison officer gets
 * each reminder once however often the sweep runs; a worker stopped mid-send and started again
 * sends nothing twice.
 */
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { ensureModel } from '@hub/classification';
import { openDatabase, OutgoingSmsEntity } from '@hub/database';
import { businessDate, businessTimeOn, formatBusinessDue, systemClock } from '@hub/domain';
import { BullmqProducer, createRedis, type RedisClient } from '@hub/queue';
import { ApiHarness, startApi, TEST_REDIS_URL } from '@hub/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestSmsc } from './smsc';

const LIAISON = '13900000102'; // 东湖区城市管理局's liaison officer (config/units.yaml)
const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The hub's clock (systemClock, which the API and the worker share) runs at real speed from a time the test sets. */
let offset = 0;
const setHubTime = (at: Date) => (offset = at.getTime() - Date.now());
/** 09:00 Beijing time on the first Monday at least a day ahead: a working morning, outside quiet hours. */
function mondayMorning(): Date {
  const day = businessDate(new Date(Date.now() + 24 * HOUR));
  const start = businessTimeOn(day, '09:00');
  const weekday = new Date(start.getTime() + 8 * HOUR).getUTCDay();
  return new Date(start.getTime() + ((8 - weekday) % 7 || 7) * 24 * HOUR);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('SMS flows through the API and the worker against a real SMPP server', () => {
  let api: ApiHarness;
  let smsc: TestSmsc;
  let ds: DataSource;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let worker: INestApplicationContext | null = null;

  const startWorker = async () => {
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), { logger: ['error'] });
    await app.init();
    return app;
  };
  const tokens = new Map<string, string>();
  const call = async (as: string, method: 'get' | 'post', path: string, body?: object) => {
    const token = tokens.get(as) ?? tokens.set(as, await api.login(as)).get(as)!;
    const req =
      method === 'get'
        ? api.http().get(path)
        : api
            .http()
            .post(path)
            .send(body ?? {});
    const res = await req.set('Authorization', `Bearer ${token}`);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const texts = (to: string) =>
    smsc
      .messages()
      .filter((m) => m.to === to)
      .map((m) => m.text);
  const outbox = () => ds.getRepository(OutgoingSmsEntity).find({ order: { id: 'ASC' } });
  /** A phone call typed in by the operator: a caller who gave a mobile number and no e-mail address. */
  const recordCall = (phone: string, text: string) =>
    call('operator', 'post', '/api/intake', { channel: 'hotline', source: '市长公开电话', name: '赵先生', phone, text, urgency: 'normal' }) as Promise<{
      id: number;
      number: string;
      lookupCode: string;
    }>;
  /** Everything queued so far has been sent, and a sweep of the SMS outbox finds nothing left. */
  const settled = async () => {
    await until('the SMS outbox to drain', async () => (await outbox()).every((r) => r.status === 'sent' || r.status === 'suppressed'));
    await producer.add('sms-sweep', {});
    await sleep(1500);
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    process.env.LOG_LEVEL = 'error';
    jest.spyOn(systemClock, 'now').mockImplementation(() => new Date(Date.now() + offset));
    setHubTime(mondayMorning());
    smsc = new TestSmsc('hub', 'secret12');
    const port = await smsc.start();
    api = await startApi({ SMS_URL: `smpp://hub:secret12@127.0.0.1:${port}?source=12345`, HUB_PUBLIC_URL: 'https://12345.qinghe.example' });
    ds = await openDatabase(api.config.env.database);
    // The worker trains the shipped model on its first classification, in its own event loop: a quick
    // one here instead (the desk dispatches by hand below), so the flows are not timed by training.
    ensureModel(api.config, { folds: 2, linear: { epochs: 4, bits: 14 }, unitHead: { weight: 0 }, unitMentions: { bonus: 0 } });
    redis = createRedis(TEST_REDIS_URL, 'sms-flows-test');
    producer = new BullmqProducer(redis, api.config.env.queuePrefix);
    worker = await startWorker();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    const keys = (await redis?.keys(`${api?.config.env.queuePrefix}*`)) ?? [];
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    if (ds?.isInitialized) await ds.destroy();
    await api?.close();
    await smsc?.stop();
    jest.restoreAllMocks();
  }, 60_000);

  it('a phone-only caller gets one receipt, the liaison officer each reminder once, the caller one survey link after the reply', async () => {
    const caller = '13800138000';
    const ticket = await recordCall('138-0013-8000', '东湖区湖滨新村小区门口有流动摊贩占道经营，影响居民出行，请处理。');
    await until('the receipt SMS', () => texts(caller).length === 1);
    expect(texts(caller)).toEqual([`您的诉求已受理，工单号${ticket.number}，查询码${ticket.lookupCode}，可凭此查询办理进度。`]);

    // The desk dispatches it to 东湖区城市管理局 (whatever the classifier did meanwhile), the unit signs for it.
    await until('classification', async () => (await call('operator', 'get', `/api/tickets/${ticket.id}`)).status !== 'received');
    const units = (await call('operator', 'get', '/api/units')) as Array<{ id: number; name: string }>;
    const unitId = units.find((u) => u.name === '东湖区城市管理局')!.id;
    const detail = await call('operator', 'get', `/api/tickets/${ticket.id}`);
    if (detail.status !== 'dispatched') await call('operator', 'post', `/api/tickets/${ticket.id}/dispatch`, { unitId, category: '城市管理/占道经营' });
    await call('district', 'post', `/api/tickets/${ticket.id}/acknowledge`);
    const replyDueAt = new Date((await call('district', 'get', `/api/tickets/${ticket.id}`)).replyDueAt);

    // The reply limit's last day at 10:00 (催办), then the first 10:00 an hour after it passed (超期): the
    // sweep runs every few seconds, and twice more by hand, at each; the liaison officer gets one SMS per reminder.
    const lastDay = businessTimeOn(businessDate(new Date(replyDueAt.getTime() - 1)), '10:00');
    const afterDue = businessTimeOn(businessDate(new Date(replyDueAt.getTime() + HOUR)), '10:00');
    expect(lastDay.getTime()).toBeLessThan(replyDueAt.getTime());
    for (const at of [lastDay, afterDue.getTime() > replyDueAt.getTime() + HOUR ? afterDue : new Date(afterDue.getTime() + 24 * HOUR)]) {
      setHubTime(at);
      tokens.clear(); // the sessions of a day ago have expired
      const before = texts(LIAISON).length;
      await until('a reminder SMS', () => texts(LIAISON).length > before);
      await producer.add('deadline-sweep', {});
      await producer.add('deadline-sweep', {});
      await settled();
    }
    const reminders = texts(LIAISON);
    const due = formatBusinessDue(replyDueAt).slice(5); // a limit ending at midnight reads 24:00 of its last day
    expect(reminders.filter((t) => t === `【催办】工单${ticket.number}办结反馈将于${due}到期，请及时办理。`)).toHaveLength(1);
    expect(reminders.filter((t) => t === `【超期督办】工单${ticket.number}办结反馈已超期（时限${due}），请立即办理。`)).toHaveLength(1);
    expect(new Set(reminders).size).toBe(reminders.length);

    // The unit replies: the caller gets the survey link by SMS, once.
    await call('district', 'post', `/api/tickets/${ticket.id}/reply`, { outcome: 'resolved', text: '已清理占道摊点，并安排城管队员早晚巡查。' });
    await until('the survey SMS', () => texts(caller).length === 2);
    await settled();
    expect(texts(caller)).toHaveLength(2);
    expect(texts(caller)[1]).toMatch(new RegExp(`^工单${ticket.number}已答复，请评价：https://12345\\.qinghe\\.example/q/s/\\S+ 回TD退订$`));
    expect((await outbox()).every((r) => r.attempts === 1)).toBe(true);
  }, 180_000);

  it('a worker stopped while the gateway is answering slowly, and started again, sends each receipt once', async () => {
    tokens.clear();
    smsc.submitDelayMs = 1000;
    const before = smsc.submitted.length;
    const phones = Array.from({ length: 12 }, (_, i) => `137000000${String(i + 1).padStart(2, '0')}`);
    const recorded = Promise.all(phones.map((p, i) => recordCall(p, `第${i + 1}位来电人反映小区路灯不亮，夜间出行不便。`)));
    await until('the first submit_sm', () => smsc.submitted.length > before);
    await worker!.close(); // running sends finish first, then the SMPP session is unbound
    worker = null;
    const sentBeforeStop = smsc.submitted.length - before;
    const tickets = await recorded;
    smsc.submitDelayMs = 0;
    worker = await startWorker();
    await until('every receipt', () => phones.every((p) => texts(p).length >= 1));
    await settled();
    expect(sentBeforeStop).toBeGreaterThan(0);
    expect(sentBeforeStop).toBeLessThan(phones.length); // the new worker sent the rest
    phones.forEach((p, i) => expect(texts(p)).toEqual([expect.stringContaining(`查询码${tickets[i].lookupCode}`)]));
  }, 120_000);
});
