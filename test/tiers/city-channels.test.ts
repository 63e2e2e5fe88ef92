import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { ExportSourceConfig, HubConfig, loadConfig, MailboxConfig, parseDatabaseUrl } from '@hub/config';
import { DeadlineEntity, openDatabase, syncDirectory, TicketEntity, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadCityDeadlinePolicies } from '@hub/deadlines';
import { fixedClock, formatBusinessDue, formatTicketNumber } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { createMysqlDatabase, importHotlineFile, mailboxSync, startDovecot, type DovecotServer } from '@hub/testing';
import { buildTicketUseCases } from '@hub/tickets';

const LANSHAN = '蓝山市12345热线';
const UNIT = '蓝山市城市管理局';
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * A mailbox and a hotline export source bound to 蓝山 (`city:` in mailboxes.yaml and sources.yaml) on
 * MariaDB, the letter through a real Dovecot: both go through the one intake path to a ticket of 蓝山,
 * numbered LS, held by its desk, and counted on its calendar (Friday 10 April 2026 is 蓝山's local day
 * off, config/demo/lanshan/holidays.yaml): the limits, and the reminder sweep's next levels.
 */
describe('a city’s mailbox and hotline export', () => {
  let dovecot: DovecotServer;
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let desk: UnitEntity;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'lanshan', password: 'lanshan-secret' }] });
    const db = await createMysqlDatabase('hubcitych');
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    const dir = mkdtempSync(join(tmpdir(), 'hub-city-channels-'));
    config = loadConfig({ ...process.env, HUB_DATA_DIR: join(dir, 'data') });
    config.mailboxes.mailboxes = [
      Object.assign(new MailboxConfig(), {
        name: '蓝山市长信箱',
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: 'lanshan',
        password: 'lanshan-secret',
        folder: 'INBOX',
        after: 'seen',
        address: 'mayor@lanshan.example',
        city: LANSHAN,
      }),
    ];
    const standard = config.sources.sources.find((s) => s.name === 'standard') as ExportSourceConfig;
    config.sources.sources.push(Object.assign(new ExportSourceConfig(), { ...standard, name: '蓝山热线导出', city: LANSHAN }));
    await syncDirectory(ds, config);
    desk = await ds.getRepository(UnitEntity).findOneByOrFail({ name: LANSHAN });
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
    await dovecot?.stop();
  });

  it('makes a letter and an export row 蓝山’s tickets, counted on 蓝山’s working days', async () => {
    await dovecot.append(
      'lanshan',
      'INBOX',
      [
        `From: =?utf-8?B?${b64('赵女士')}?= <zhao@example.cn>`,
        'To: mayor@lanshan.example',
        `Subject: =?utf-8?B?${b64('松溪老街路灯不亮')}?=`,
        'Date: Thu, 09 Apr 2026 09:00:00 +0800',
        'Message-ID: <city-letter-1@example.cn>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        b64('松溪老街路灯不亮已有一周，夜间出行不便，请尽快修复。'),
        '',
      ].join('\r\n'),
    );
    const jobs = new RecordingJobProducer();
    await mailboxSync(ds, config, jobs).poll('蓝山市长信箱');
    const file = join(mkdtempSync(join(tmpdir(), 'hub-city-export-')), 'lanshan.csv');
    const rows = [
      '工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度',
      'LSGD0001,2026-04-09 09:30,13900000001,钱先生,蓝山12345,梅岭县城关镇垃圾堆放无人清运,梅岭县城关镇,一般',
    ];
    writeFileSync(file, iconv.encode(rows.join('\r\n') + '\r\n', 'gbk'));
    expect(await importHotlineFile(ds, config, null, file, '蓝山热线导出')).toMatchObject({ imported: 1, rejected: 0 });

    const tickets = await ds.getRepository(TicketEntity).find({ order: { id: 'ASC' } });
    expect(tickets.map((t) => [t.channel, t.numberPrefix, t.cityUnitId, t.deskUnitId, t.status])).toEqual([
      ['mailbox', 'LS', desk.id, desk.id, 'received'],
      ['hotline', 'LS', desk.id, desk.id, 'received'],
    ]);
    expect(tickets.map((t) => formatTicketNumber(t.numberPrefix as string, t.receivedAt, t.id))).toEqual([
      `LS20260409-${String(tickets[0].id).padStart(6, '0')}`,
      `LS20260409-${String(tickets[1].id).padStart(6, '0')}`,
    ]);

    // Dispatched on Thursday 9 April 10:00: 签收 1 working day and 反馈 5 working days, 蓝山's Friday off.
    const policies = loadCityDeadlinePolicies(config);
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: UNIT });
    const actions = buildTicketUseCases({
      uow,
      config,
      planner: policies,
      clock: fixedClock(sh('2026-04-09 10:00')),
      classifiers: {
        get: () => {
          throw new Error('nothing is routed here');
        },
      },
    });
    for (const t of tickets)
      await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: { kind: 'user', id: 1, name: '话务员' } });
    const deadline = (ticketId: number, stage: 'acknowledge' | 'reply') => ds.getRepository(DeadlineEntity).findOneByOrFail({ ticketId, stage });
    for (const t of tickets) {
      // The installation's would be Friday 10th and Thursday 16th.
      expect(formatBusinessDue((await deadline(t.id, 'acknowledge')).dueAt)).toBe('2026-04-13 24:00');
      expect(formatBusinessDue((await deadline(t.id, 'reply')).dueAt)).toBe('2026-04-17 24:00');
      // 黄灯 at half of 134 working hours (14h + Mon–Fri): Wednesday 15th 05:00 (the installation's: Tuesday 14th 17:00).
      expect((await deadline(t.id, 'reply')).nextReminderAt).toEqual(sh('2026-04-15 05:00'));
    }

    // The sweep sends 黄灯 and, on 蓝山's calendar, sets 红灯 at 80% (107h12m): Thursday 16th 21:12 (the installation's: Wednesday 16:24).
    const sweep = reminderUseCases({ uow, clock: fixedClock(sh('2026-04-15 05:00')), config, policies, jobs: new RecordingJobProducer() }).sweep;
    await sweep.execute({ digests: false });
    for (const t of tickets) {
      expect(await deadline(t.id, 'reply')).toMatchObject({ lastLevelSent: 'yellow', nextLevel: 'red', nextReminderAt: sh('2026-04-16 21:12') });
    }
  }, 120_000);
});
