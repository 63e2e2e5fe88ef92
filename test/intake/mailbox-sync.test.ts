import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ImapFlow } from 'imapflow';
import { DataSource } from 'typeorm';
import { HubConfig, loadConfig, MailboxConfig, parseDatabaseUrl } from '@hub/config';
import {
  AttachmentEntity,
  IntakeItemEntity,
  MailboxStateEntity,
  OutgoingMailEntity,
  openDatabase,
  RequesterEntity,
  SourceEntity,
  syncDirectory,
  TicketEntity,
  TicketEventEntity,
} from '@hub/database';
import { type Clock, formatTicketNumber } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase, mailboxSync, startDovecot, TEST_REDIS_URL, uniqueName, type DovecotServer } from '@hub/testing';
import Redis from 'ioredis';
import { LetterParseError, parseLetter } from '../../libs/intake/src/mail';
import { TypeOrmUnitOfWork } from '@hub/database';
import { DatabaseMailboxLock, ImapflowConnector, MailboxIdleWatchers, type MailboxSyncOptions, RedisMailboxLock } from '../../libs/intake/src/mailbox';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/mail', name));
const USERS = ['mayor', 'twice', 'reset', 'crash', 'mover', 'broken', 'auto', 'failing', 'quiet', 'idler', 'locked'];

/** A UTF-8 letter with its own Message-ID. */
function letter(o: { id: string; subject: string; body: string; from?: string; name?: string; inReplyTo?: string; date?: string }): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    `From: =?utf-8?B?${b64(o.name ?? '王五')}?= <${o.from ?? 'wangwu@example.cn'}>`,
    'To: mayor@hub.example',
    `Subject: =?utf-8?B?${b64(o.subject)}?=`,
    `Date: ${o.date ?? 'Tue, 18 Mar 2025 09:00:00 +0800'}`,
    `Message-ID: <${o.id}>`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(o.body),
    '',
  ].join('\r\n');
}

describe('mailbox sync against a real Dovecot and MariaDB', () => {
  let dovecot: DovecotServer;
  let ds: DataSource;
  let drop: () => Promise<void>;
  let config: HubConfig;
  let jobs: RecordingJobProducer;
  let dataDir: string;

  const box = (name: string, user: string, extra: Partial<MailboxConfig> = {}): MailboxConfig =>
    Object.assign(new MailboxConfig(), {
      name,
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user,
      password: `${user}-secret`,
      folder: 'INBOX',
      after: 'seen',
      address: `${user}@hub.example`,
      ...extra,
    });
  const sync = (opts: MailboxSyncOptions = {}, clock?: Clock) => mailboxSync(ds, config, jobs, new ImapflowConnector(config.env.configDir), clock, opts);
  const tickets = (source: string) =>
    ds
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .innerJoin(SourceEntity, 's', 's.id = t.sourceId')
      .where('s.name = :source', { source })
      .orderBy('t.id')
      .getMany();
  const items = (mailbox: string) => ds.getRepository(IntakeItemEntity).find({ where: { mailbox }, order: { id: 'ASC' } });
  const state = (mailbox: string) => ds.getRepository(MailboxStateEntity).findOneByOrFail({ mailbox });

  async function serverFlags(user: string, folder = 'INBOX'): Promise<Array<{ uid: number; seen: boolean }>> {
    const client = new ImapFlow(dovecot.imapOptions(user));
    await client.connect();
    try {
      const mb = await client.mailboxOpen(folder);
      if (!mb.exists) return [];
      const out: Array<{ uid: number; seen: boolean }> = [];
      for await (const m of client.fetch('1:*', { uid: true, flags: true })) out.push({ uid: m.uid, seen: Boolean(m.flags?.has('\\Seen')) });
      return out;
    } finally {
      await client.logout();
    }
  }

  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS.map((u) => ({ user: u, password: `${u}-secret` })) });
    const db = await createMysqlDatabase('hubmbx');
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    dataDir = mkdtempSync(join(tmpdir(), 'hub-mbx-data-'));
    config = loadConfig({ ...process.env, HUB_DATA_DIR: dataDir });
    config.mailboxes.mailboxes = [
      box('市长信箱', 'mayor'),
      box('重复信箱', 'twice'),
      box('重置信箱', 'reset'),
      box('中断信箱', 'crash'),
      box('移动信箱', 'mover', { after: 'move:Processed' }),
      box('隔离信箱', 'broken'),
      box('自动信箱', 'auto'),
      box('故障信箱', 'failing', { password: 'wrong-password', pollIntervalSeconds: 60 }),
      box('冷清信箱', 'quiet', { silentAlertHours: 24 }),
      box('即时信箱', 'idler', { idle: true }),
      box('加锁信箱', 'locked'),
    ];
    await syncDirectory(ds, config);
  });
  beforeEach(() => {
    jobs = new RecordingJobProducer();
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
    await dovecot?.stop();
  });

  it('turns GB2312, undeclared GBK, HTML-only and attached letters into tickets, then marks them \\Seen', async () => {
    for (const f of ['gb2312-declared.eml', 'gbk-undeclared-8bit.eml', 'html-only.eml', 'with-attachments.eml']) {
      await dovecot.append('mayor', 'INBOX', fixture(f));
    }
    const result = await sync().poll('市长信箱');
    expect(result).toEqual({ fetched: 4, created: 4, threaded: 0, ignored: 0, quarantined: 0, duplicates: 0 });

    const made = await tickets('市长信箱');
    expect(made.map((t) => t.subject)).toEqual(['关于幸福路夜间施工噪音的投诉', '反映和平街下水道堵塞问题', '公园健身器材损坏', '道路破损照片和材料']);
    expect(made.every((t) => t.channel === 'mailbox' && t.status === 'received')).toBe(true);
    expect(made[1].text).toContain('污水外溢已经三天');
    expect(made[2].text).toContain('东湖公园北门的健身器材损坏');
    expect(made[2].text).not.toMatch(/<script|alert\(1\)/);
    expect(made[0].receivedAt.toISOString()).toBe('2025-03-02T01:15:00.000Z');
    expect(made[0].messageId).toBe('<20250302091500.1234@example.cn>');
    const requester = await ds.getRepository(RequesterEntity).findOneByOrFail({ id: made[1].requesterId as number });
    expect(requester).toMatchObject({ name: '李四', email: 'lisi@example.cn' });

    const files = await ds.getRepository(AttachmentEntity).find({ where: { ticketId: made[3].id }, order: { id: 'ASC' } });
    expect(files.map((f) => f.filename)).toEqual(['现场照片.jpg', '情况说明.pdf']);
    expect(readFileSync(join(dataDir, files[0].path as string)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const recorded = await items('市长信箱');
    expect(recorded.map((i) => i.status)).toEqual(['ticketed', 'ticketed', 'ticketed', 'ticketed']);
    expect(recorded.every((i) => existsSync(join(dataDir, i.rawPath)))).toBe(true);
    expect((await serverFlags('mayor')).every((m) => m.seen)).toBe(true);
    expect(jobs.jobs).toEqual([{ name: 'ticket-classify', payload: { ticketIds: made.map((t) => t.id) }, delayMs: undefined }]);
    expect(await state('市长信箱')).toMatchObject({ status: 'ok', lastUid: 4, consecutiveFailures: 0 });

    expect(await sync().poll('市长信箱')).toMatchObject({ fetched: 0, created: 0 });
  });

  it("adds a citizen's reply to the ticket of the earlier letter instead of opening a new ticket", async () => {
    const [first] = await tickets('市长信箱');
    await dovecot.append('mayor', 'INBOX', fixture('reply-to-answer.eml'));
    // A reply to the answer we sent (its Message-ID is in the outbox).
    await ds.getRepository(OutgoingMailEntity).insert({
      dedupeKey: uniqueName('answer'),
      kind: 'answer',
      to: 'lisi@example.cn',
      subject: '答复',
      text: '已处理',
      status: 'sent',
      messageId: '<answer-for-lisi@hub.example>',
      ticketId: first.id + 1,
      attempts: 1,
    });
    await dovecot.append(
      'mayor',
      'INBOX',
      letter({
        id: 'lisi-followup@example.cn',
        from: 'lisi@example.cn',
        name: '李四',
        subject: 'Re: 答复',
        body: '还是没有人来疏通。',
        inReplyTo: '<answer-for-lisi@hub.example>',
      }),
    );
    // The ticket number in the subject counts only from the ticket's own requester.
    const number = formatTicketNumber(config.env.ticketPrefix, first.receivedAt, first.id);
    await dovecot.append(
      'mayor',
      'INBOX',
      letter({ id: 'zs-number@example.cn', from: 'zhangsan@example.cn', name: '张三', subject: `补充材料 ${number}`, body: '补充：施工到凌晨两点。' }),
    );
    await dovecot.append(
      'mayor',
      'INBOX',
      letter({ id: 'stranger-number@example.cn', from: 'stranger@example.cn', subject: `关于 ${number}`, body: '我也有类似问题。' }),
    );

    const result = await sync().poll('市长信箱');
    expect(result).toMatchObject({ fetched: 4, created: 1, threaded: 3 });
    const replies = await ds.getRepository(TicketEventEntity).find({ where: { type: 'requester_reply' }, order: { id: 'ASC' } });
    expect(replies.map((e) => [e.ticketId, e.actorKind])).toEqual([
      [first.id, 'requester'],
      [first.id + 1, 'requester'],
      [first.id, 'requester'],
    ]);
    expect(replies[0].data?.text).toContain('施工仍在继续');
    expect(replies[1].data?.text).toBe('还是没有人来疏通。');
    expect(replies[2].data?.via).toBe('subject-number');
    const made = await tickets('市长信箱');
    expect(made).toHaveLength(5);
    expect(made[4].text).toBe('我也有类似问题。');
  });

  it('registers a reply to a finished ticket as a new letter naming that ticket, and threads a full-width number onto an open one', async () => {
    const [first, second] = await tickets('市长信箱');
    await ds.getRepository(TicketEntity).update(first.id, { status: 'closed' });
    const closedNumber = formatTicketNumber(config.env.ticketPrefix, first.receivedAt, first.id);
    await dovecot.append(
      'mayor',
      'INBOX',
      letter({
        id: 'zs-after-close@example.cn',
        from: 'zhangsan@example.cn',
        name: '张三',
        subject: 'Re: 关于幸福路夜间施工噪音的投诉',
        inReplyTo: '<20250302091500.1234@example.cn>',
        body: '上次的问题解决了，谢谢。另外小区门口垃圾站臭味很大，希望处理。',
      }),
    );
    const wide = formatTicketNumber(config.env.ticketPrefix, second.receivedAt, second.id).replace(/[0-9A-Z-]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) + 0xfee0),
    );
    await dovecot.append(
      'mayor',
      'INBOX',
      letter({ id: 'lisi-wide@example.cn', from: 'lisi@example.cn', name: '李四', subject: `回复：【${wide}】`, body: '下水道还是堵着。' }),
    );

    expect(await sync().poll('市长信箱')).toMatchObject({ fetched: 2, created: 1, threaded: 1, ignored: 0, quarantined: 0 });
    const made = await tickets('市长信箱');
    const followUp = made[made.length - 1];
    expect(followUp.text).toBe(
      `（此信回复的工单 ${closedNumber} 状态为“已办结”，已不在办理中，作为新来信登记。）\n\n上次的问题解决了，谢谢。另外小区门口垃圾站臭味很大，希望处理。`,
    );
    expect(followUp.status).toBe('received');
    const replies = await ds.getRepository(TicketEventEntity).find({ where: { type: 'requester_reply', ticketId: second.id }, order: { id: 'ASC' } });
    expect(replies[replies.length - 1].data).toMatchObject({ text: '下水道还是堵着。', via: 'subject-number' });
    expect(await sync().poll('市长信箱')).toMatchObject({ fetched: 0, created: 0, threaded: 0 });
    expect(await tickets('市长信箱')).toHaveLength(made.length);
  });

  it('records auto-replies and bounces as ignored with the reason, never as tickets', async () => {
    await dovecot.append('auto', 'INBOX', fixture('auto-reply.eml'));
    await dovecot.append('auto', 'INBOX', fixture('bounce.eml'));
    expect(await sync().poll('自动信箱')).toMatchObject({ fetched: 2, created: 0, ignored: 2 });
    const recorded = await items('自动信箱');
    expect(recorded.map((i) => i.status)).toEqual(['ignored', 'ignored']);
    expect(recorded[0].reason).toContain('Auto-Submitted: auto-replied');
    expect(recorded[1].reason).toContain('退信');
    expect(await tickets('自动信箱')).toHaveLength(0);
    expect(jobs.jobs).toEqual([]);
  });

  it('quarantines a broken message without blocking the mailbox, and re-runs it after a fix', async () => {
    await dovecot.append('broken', 'INBOX', fixture('broken-truncated-mime.eml'));
    await dovecot.append('broken', 'INBOX', fixture('utf8-qp.eml'));
    await dovecot.append('broken', 'INBOX', fixture('big5.eml'));
    // A parser bug that trips over Big5, fixed later.
    const buggy: typeof parseLetter = async (raw, o) => {
      if (raw.includes('charset=big5')) throw new LetterParseError('parser_failed', '邮件解析失败：unsupported charset');
      return parseLetter(raw, o);
    };
    expect(await sync({ parse: buggy }).poll('隔离信箱')).toMatchObject({ fetched: 3, created: 1, quarantined: 2 });
    const [broken, , big5] = await items('隔离信箱');
    expect(broken).toMatchObject({ status: 'quarantined', messageId: '<broken-0001@example.cn>' });
    expect(broken.reason).toMatch(/截断|损坏/);
    expect(big5).toMatchObject({ status: 'quarantined', reason: '邮件解析失败：unsupported charset' });
    expect(await state('隔离信箱')).toMatchObject({ lastUid: 3, status: 'ok' });

    const fixed = sync();
    expect(await fixed.reparse(big5.id)).toMatchObject({ status: 'ticketed', unchanged: false });
    const made = await tickets('隔离信箱');
    expect(made.map((t) => t.subject)).toEqual(['建议增加公交班次', '信義路路燈故障']);
    expect(jobs.jobs.at(-1)).toMatchObject({ name: 'ticket-classify', payload: { ticketIds: [made[1].id] } });
    // Still unreadable: stays quarantined, the attempt is counted; a ticket is never re-run.
    expect(await fixed.reparse(broken.id)).toMatchObject({ status: 'quarantined', unchanged: false });
    expect((await ds.getRepository(IntakeItemEntity).findOneByOrFail({ id: broken.id })).attempts).toBe(2);
    expect(await fixed.reparse(big5.id)).toMatchObject({ status: 'ticketed', unchanged: true, ticketId: made[1].id });
    expect(await tickets('隔离信箱')).toHaveLength(2);
  });

  it('makes one ticket of the same message delivered twice', async () => {
    await dovecot.append('twice', 'INBOX', fixture('utf8-qp.eml'));
    await dovecot.append('twice', 'INBOX', fixture('utf8-qp.eml'));
    expect(await sync().poll('重复信箱')).toMatchObject({ fetched: 2, created: 1, duplicates: 1 });
    await dovecot.append('twice', 'INBOX', fixture('utf8-qp.eml'));
    expect(await sync().poll('重复信箱')).toMatchObject({ fetched: 1, created: 0, duplicates: 1 });
    expect(await tickets('重复信箱')).toHaveLength(1);
    expect((await serverFlags('twice')).every((m) => m.seen)).toBe(true);
  });

  it('resynchronises after a UIDVALIDITY reset without creating duplicates', async () => {
    for (let i = 1; i <= 3; i++) await dovecot.append('reset', 'INBOX', letter({ id: `reset-${i}@example.cn`, subject: `来信${i}`, body: `内容${i}` }));
    expect(await sync().poll('重置信箱')).toMatchObject({ created: 3 });
    const before = await state('重置信箱');
    const validity = await dovecot.resetUidValidity('reset', 'INBOX');
    await dovecot.append('reset', 'INBOX', letter({ id: 'reset-4@example.cn', subject: '来信4', body: '内容4' }));
    expect(await sync().poll('重置信箱')).toMatchObject({ fetched: 4, created: 1, duplicates: 3 });
    const after = await state('重置信箱');
    expect(String(after.uidValidity)).toBe(String(validity));
    expect(String(after.uidValidity)).not.toBe(String(before.uidValidity));
    expect((await tickets('重置信箱')).map((t) => t.subject)).toEqual(['来信1', '来信2', '来信3', '来信4']);
  });

  it('resumes a poll that died mid-way and takes every letter exactly once', async () => {
    for (let i = 1; i <= 7; i++) await dovecot.append('crash', 'INBOX', letter({ id: `crash-${i}@example.cn`, subject: `中断测试${i}`, body: `第${i}封` }));
    // Dies inside the third transaction (uids 5-6): the first two batches are committed.
    let commits = 0;
    const dying = sync({
      chunkSize: 2,
      beforeCommit: () => {
        if (++commits === 3) throw new Error('killed');
      },
    });
    await expect(dying.poll('中断信箱')).rejects.toThrow('killed');
    expect((await tickets('中断信箱')).length).toBe(4);
    expect((await state('中断信箱')).lastUid).toBe(4);
    expect((await serverFlags('crash')).map((m) => m.seen)).toEqual([true, true, true, true, false, false, false]);

    // Dies right after the next commit, before \Seen: the restart marks it without taking it again.
    const dyingLate = sync({
      chunkSize: 2,
      afterCommit: () => {
        throw new Error('killed after commit');
      },
    });
    await expect(dyingLate.poll('中断信箱')).rejects.toThrow('killed after commit');
    expect((await serverFlags('crash')).map((m) => m.seen)).toEqual([true, true, true, true, false, false, false]);

    expect(await sync({ chunkSize: 2 }).poll('中断信箱')).toMatchObject({ fetched: 1, created: 1, duplicates: 0 });
    const made = await tickets('中断信箱');
    expect(made.map((t) => t.subject)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `中断测试${i}`));
    expect((await items('中断信箱')).map((i) => i.uid)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await serverFlags('crash')).every((m) => m.seen)).toBe(true);
  });

  it('moves letters to the configured folder once they are recorded', async () => {
    await dovecot.append('mover', 'INBOX', fixture('utf8-qp.eml'));
    await dovecot.append('mover', 'INBOX', fixture('gb2312-declared.eml'));
    expect(await sync().poll('移动信箱')).toMatchObject({ created: 2 });
    expect(await serverFlags('mover', 'INBOX')).toEqual([]);
    expect(await serverFlags('mover', 'Processed')).toHaveLength(2);
  });

  it('marks a mailbox that received nothing for silentAlertHours as silent and alerts once', async () => {
    let now = new Date('2025-03-20T00:00:00Z');
    const clock: Clock = { now: () => new Date(now.getTime()) };
    expect(await sync({}, clock).poll('冷清信箱')).toMatchObject({ fetched: 0 });
    now = new Date('2025-03-20T23:00:00Z');
    expect((await sync({}, clock).checkHealth()).find((h) => h.mailbox === '冷清信箱')).toEqual({ mailbox: '冷清信箱', status: 'ok', alerted: false });
    now = new Date('2025-03-21T01:00:00Z');
    expect((await sync({}, clock).checkHealth()).find((h) => h.mailbox === '冷清信箱')).toEqual({ mailbox: '冷清信箱', status: 'silent', alerted: true });
    expect((await sync({}, clock).checkHealth()).find((h) => h.mailbox === '冷清信箱')).toMatchObject({ alerted: false });
    const silent = (await ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'alert' } })).filter((a) => a.subject.includes('冷清信箱'));
    expect(silent.map((a) => a.subject)).toEqual(['【信箱无来信】冷清信箱 已 25 小时没有收到邮件']);
    // An empty poll keeps it silent; the first letter clears it.
    await sync({}, clock).poll('冷清信箱');
    expect((await state('冷清信箱')).status).toBe('silent');
    await dovecot.append('quiet', 'INBOX', fixture('html-only.eml'));
    await sync({}, clock).poll('冷清信箱');
    expect(await state('冷清信箱')).toMatchObject({ status: 'ok', alertKind: null });
  });

  it('skips a poll while another process holds the mailbox, through the database or Redis', async () => {
    await dovecot.append('locked', 'INBOX', fixture('utf8-qp.eml'));
    const dbLock = new DatabaseMailboxLock(new TypeOrmUnitOfWork(ds, jobs), dataDir);
    const held = await dbLock.acquire('加锁信箱', 60_000);
    expect(held).not.toBeNull();
    expect(await sync().poll('加锁信箱')).toMatchObject({ skipped: 'locked', fetched: 0 });
    await held!.release();

    const redis = new Redis(TEST_REDIS_URL);
    try {
      const redisLock = new RedisMailboxLock(redis, `{${uniqueName('t')}}`);
      const lease = await redisLock.acquire('加锁信箱', 60_000);
      expect(await redis.pttl(redisLock.key('加锁信箱'))).toBeGreaterThan(50_000);
      expect(await sync({ lock: redisLock }).poll('加锁信箱')).toMatchObject({ skipped: 'locked' });
      await lease!.release();
      expect(await sync({ lock: redisLock }).poll('加锁信箱')).toMatchObject({ fetched: 1, created: 1 });
      expect(await redis.exists(redisLock.key('加锁信箱'))).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('with IDLE on, polls as soon as a letter arrives', async () => {
    const poller = sync();
    const watchers = new MailboxIdleWatchers(new ImapflowConnector(), (name) => poller.poll(name), { trailingMs: 300 });
    try {
      watchers.start(config.mailboxes.mailboxes);
      await new Promise((r) => setTimeout(r, 500));
      const sent = Date.now();
      await dovecot.append('idler', 'INBOX', fixture('gb2312-declared.eml'));
      while ((await tickets('即时信箱')).length === 0) {
        if (Date.now() - sent > 5000) throw new Error('no ticket 5 s after the APPEND');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(Date.now() - sent).toBeLessThan(3000);
    } finally {
      await watchers.stop();
    }
    await new Promise((r) => setTimeout(r, 400));
    expect(await tickets('即时信箱')).toHaveLength(1);
  });
  // Last: Dovecot delays every login from an address that just failed one.
  it('marks a failing mailbox with a message naming the setting, backs off, and alerts supervisors once per episode', async () => {
    let now = new Date('2025-03-20T02:00:00Z');
    const clock: Clock = { now: () => new Date(now.getTime()) };
    const failing = config.mailboxes.mailboxes.find((m) => m.name === '故障信箱') as MailboxConfig;
    await expect(sync({}, clock).poll('故障信箱')).rejects.toThrow(
      /^mailbox 故障信箱: login failed \(AUTHENTICATIONFAILED\) for user failing — check the password of 故障信箱 in mailboxes\.yaml/,
    );
    expect(await state('故障信箱')).toMatchObject({ status: 'failing', consecutiveFailures: 1, alertKind: 'failing' });
    expect((await state('故障信箱')).lastError).toContain('AUTHENTICATIONFAILED');

    // The next scheduled poll waits (back-off); a poll a person asks for runs.
    expect(await sync({}, clock).poll('故障信箱')).toMatchObject({ skipped: 'backoff', fetched: 0 });
    now = new Date(now.getTime() + 10_000);
    failing.port = 1; // nothing listens there
    await expect(sync({}, clock).poll('故障信箱', { force: true })).rejects.toThrow(/cannot connect to 127\.0\.0\.1:1 \(ECONNREFUSED\) — check host and port/);
    expect(await state('故障信箱')).toMatchObject({ status: 'failing', consecutiveFailures: 2 });
    const alerts = await ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'alert' } });
    const sent = alerts.filter((a) => a.subject.includes('故障信箱'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'duban@hotline.qinghe.example', subject: '【信箱故障】故障信箱 无法收信' });
    expect(sent[0].text).toContain('AUTHENTICATIONFAILED');
    expect(jobs.jobs.filter((j) => j.name === 'mail-send')).toEqual([{ name: 'mail-send', payload: { outboxId: sent[0].id }, delayMs: undefined }]);

    // Password fixed: healthy again, and the supervisors hear that it recovered.
    Object.assign(failing, { password: 'failing-secret', port: dovecot.port });
    await dovecot.append('failing', 'INBOX', fixture('utf8-qp.eml'));
    expect(await sync({}, clock).poll('故障信箱', { force: true })).toMatchObject({ created: 1 });
    expect(await state('故障信箱')).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null, alertKind: null });
    const recovered = await ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'alert' } });
    expect(recovered.filter((a) => a.subject.includes('故障信箱')).map((a) => a.subject)).toEqual([
      '【信箱故障】故障信箱 无法收信',
      '【信箱恢复】故障信箱 已恢复收信',
    ]);
  });
});
