import { intakeUseCases } from '../../intake-use-cases';
import { parseLetter } from '../../mail';
import { FakeImap, MailboxConnectError, plainLetter } from '../../testing/fake-imap';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { handClock, specConfig } from '../../testing/spec-config';

describe('poll a mailbox', () => {
  const setUp = () => {
    const hub = inMemoryIntake();
    const imap = new FakeImap();
    const clock = handClock('2025-03-20T02:00:00Z');
    const config = specConfig([{ name: '市长信箱', pollIntervalSeconds: 60 }]);
    const poll = (o: { force?: boolean } = {}) => intakeUseCases(hub.uow, config, { imap, clock }).pollMailbox.execute({ mailbox: '市长信箱', ...o });
    return { hub, imap, clock, poll };
  };

  it('turns new letters into tickets awaiting classification, marks them \\Seen once recorded, and takes nothing twice', async () => {
    const { hub, imap, poll } = setUp();
    imap.append('市长信箱', plainLetter({ id: 'a@example.cn', subject: '路灯不亮', body: '幸福路路灯不亮。' }));
    imap.append('市长信箱', plainLetter({ id: 'b@example.cn', subject: '噪音扰民', body: '夜间施工。', from: 'lisi@example.cn', name: '李四' }));
    expect(await poll()).toEqual({ fetched: 2, created: 2, threaded: 0, ignored: 0, quarantined: 0, duplicates: 0 });
    expect(hub.tickets.tickets.all().map((t) => [t.channel, t.subject, t.text, t.messageId])).toEqual([
      ['mailbox', '路灯不亮', '幸福路路灯不亮。', '<a@example.cn>'],
      ['mailbox', '噪音扰民', '夜间施工。', '<b@example.cn>'],
    ]);
    expect(hub.tickets.requesters.all().map((r) => [r.name, r.email])).toEqual([
      ['王五', 'wangwu@example.cn'],
      ['李四', 'lisi@example.cn'],
    ]);
    expect(imap.seen('市长信箱')).toEqual([true, true]);
    expect(await hub.states.find('市长信箱')).toMatchObject({ lastUid: 2, uidValidity: '1', status: 'ok', consecutiveFailures: 0 });
    // Each writer gets a receipt with the number and 查询码 by mail, sent after the commit.
    expect(hub.outbox.table.all().map((m) => [m.kind, m.to])).toEqual([
      ['receipt', ['wangwu@example.cn']],
      ['receipt', ['lisi@example.cn']],
    ]);
    expect(hub.uow.jobs.jobs.map((j) => [j.name, j.payload])).toEqual([
      ['mail-send', { outboxId: 1 }],
      ['mail-send', { outboxId: 2 }],
      ['ticket-classify', { ticketIds: [1, 2] }],
    ]);

    expect(await poll()).toMatchObject({ fetched: 0, created: 0 });
    imap.uidValidity = '2'; // the folder was renumbered: everything is seen again, nothing recorded twice
    expect(await poll()).toMatchObject({ fetched: 2, created: 0, duplicates: 2 });
    expect(hub.tickets.tickets.all()).toHaveLength(2);
  });

  it('adds a quick follow-up to the ticket its predecessor in the same poll made', async () => {
    const { hub, imap, poll } = setUp();
    imap.append('市长信箱', plainLetter({ id: 'first@example.cn', subject: '下水道堵塞', body: '污水外溢。' }));
    imap.append('市长信箱', plainLetter({ id: 'again@example.cn', subject: 'Re: 下水道堵塞', body: '还是没人来。', inReplyTo: '<first@example.cn>' }));
    expect(await poll()).toMatchObject({ fetched: 2, created: 1, threaded: 1 });
    expect(hub.events.table.where((e) => e.type === 'requester_reply')).toMatchObject([{ ticketId: 1, data: { text: '还是没人来。', via: 'letter' } }]);
  });

  it('leaves the mailbox alone while another poll holds it', async () => {
    const { hub, imap, clock } = setUp();
    imap.append('市长信箱', plainLetter({ id: 'a@example.cn', subject: '路灯不亮', body: '幸福路路灯不亮。' }));
    let held = true;
    const lock = { acquire: async () => (held ? null : { release: async () => undefined }) };
    const poll = () =>
      intakeUseCases(hub.uow, specConfig([{ name: '市长信箱' }]), { imap, clock, mailbox: { lock } }).pollMailbox.execute({ mailbox: '市长信箱' });
    expect(await poll()).toMatchObject({ skipped: 'locked', fetched: 0 });
    held = false;
    expect(await poll()).toMatchObject({ fetched: 1, created: 1 });
  });

  it('records a mailbox that refuses the login as failing, alerts the supervisors once, backs off, and says when it recovered', async () => {
    const { hub, imap, clock, poll } = setUp();
    imap.failure = new MailboxConnectError('市长信箱', 'auth', 'mailbox 市长信箱: login failed (AUTHENTICATIONFAILED)');
    await expect(poll()).rejects.toThrow('login failed');
    expect(await hub.states.find('市长信箱')).toMatchObject({ status: 'failing', consecutiveFailures: 1, alertKind: 'failing' });
    expect(await poll()).toMatchObject({ skipped: 'backoff' });
    await expect(poll({ force: true })).rejects.toThrow('login failed');
    expect(hub.outbox.table.all().map((m) => [m.kind, m.to, m.subject])).toEqual([
      ['alert', ['duban@hotline.qinghe.example'], '【信箱故障】市长信箱 无法收信'],
    ]);

    imap.failure = null;
    clock.set('2025-03-20T03:00:00Z');
    expect(await poll()).toMatchObject({ fetched: 0 });
    expect(await hub.states.find('市长信箱')).toMatchObject({ status: 'ok', consecutiveFailures: 0, alertKind: null });
    expect(hub.outbox.table.all().map((m) => m.subject)).toEqual(['【信箱故障】市长信箱 无法收信', '【信箱恢复】市长信箱 已恢复收信']);
    expect(hub.uow.jobs.jobs.map((j) => j.name)).toEqual(['mail-send', 'mail-send']);
  });

  it('names the configured mailboxes when asked for another', async () => {
    const hub = inMemoryIntake();
    const poll = intakeUseCases(hub.uow, specConfig([{ name: '市长信箱' }]), { imap: new FakeImap() }).pollMailbox;
    await expect(poll.execute({ mailbox: '省长信箱' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'unknown mailbox 省长信箱; mailboxes.yaml lists: 市长信箱',
    });
    await expect(poll.execute({ mailbox: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('quarantines a letter whose processing failed twice, raw bytes kept, and takes the letters behind it (#14)', async () => {
    const { hub, imap, clock } = setUp();
    imap.append('市长信箱', plainLetter({ id: 'a@example.cn', subject: '路灯不亮', body: '幸福路路灯不亮。' }));
    imap.append('市长信箱', plainLetter({ id: 'bad@example.cn', subject: '嵌套过深', body: '解析器在这封信上出错。' }));
    imap.append('市长信箱', plainLetter({ id: 'c@example.cn', subject: '噪音扰民', body: '夜间施工。' }));
    // A parser defect that throws outside its promise (as a stack overflow does): not a parse error the letter could be quarantined for.
    const parse: typeof parseLetter = (raw, o) => {
      if (raw.includes('bad@example.cn')) throw new RangeError('Maximum call stack size exceeded');
      return parseLetter(raw, o);
    };
    const config = specConfig([{ name: '市长信箱' }]);
    const poll = () => intakeUseCases(hub.uow, config, { imap, clock, mailbox: { parse } }).pollMailbox.execute({ mailbox: '市长信箱' });

    await expect(poll()).rejects.toThrow('Maximum call stack size exceeded'); // the batch with it
    await expect(poll()).rejects.toThrow('Maximum call stack size exceeded'); // one by one: the letter before it gets through
    expect(hub.tickets.tickets.all().map((t) => t.messageId)).toEqual(['<a@example.cn>']);
    await expect(poll()).rejects.toThrow('Maximum call stack size exceeded'); // the letter alone, a second time
    expect(await poll()).toMatchObject({ fetched: 2, created: 1, quarantined: 1 });

    expect(hub.tickets.tickets.all().map((t) => t.messageId)).toEqual(['<a@example.cn>', '<c@example.cn>']);
    const quarantined = hub.items.table.where((i) => i.status === 'quarantined');
    expect(quarantined.map((i) => [i.messageId, i.reason])).toEqual([
      ['<bad@example.cn>', '这封信处理了 2 次均失败，已隔离（原件保留，修复后可重新处理）。最后一次的错误：Maximum call stack size exceeded'],
    ]);
    expect(quarantined[0].rawPath).toMatch(/\.eml$/);
    expect(imap.seen('市长信箱')).toEqual([true, true, true]);
    expect(await poll()).toMatchObject({ fetched: 0, created: 0 });
  });
});
