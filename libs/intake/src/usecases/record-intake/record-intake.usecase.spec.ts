import type { IntakeDraft } from '../../intake-draft';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { RecordIntakeUseCase } from './record-intake.usecase';

const at = new Date('2025-03-02T01:15:00.000Z');
const archived = (n: number) => ({ path: `raw/x/${n}.eml`, sha256: String(n).padStart(64, '0'), size: 100 + n });

const row = (externalId: string, text = `第${externalId}号反映：路灯不亮`): IntakeDraft => ({
  channel: 'hotline',
  source: '市长公开电话',
  externalId,
  receivedAt: at,
  text,
  urgency: 'normal',
  requester: { name: '市民', phone: '13900000001' },
  raw: { kind: 'export_file', importFileId: 1 },
});

const letter = (n: number, extra: Partial<IntakeDraft> = {}): IntakeDraft => ({
  channel: 'mailbox',
  source: '市长信箱',
  externalId: `<l-${n}@example.cn>`,
  messageId: `<l-${n}@example.cn>`,
  receivedAt: at,
  subject: `来信${n}`,
  text: `内容${n}`,
  requester: { name: '王五', email: 'wangwu@example.cn' },
  raw: { kind: 'mail', archived: archived(n), letter: { mailbox: '市长信箱', folder: 'INBOX', uidValidity: '7', uid: n }, summary: { subject: `来信${n}` } },
  disposition: { kind: 'ticket', knownTicketReason: '已有相同邮件的工单' },
  ...extra,
});

describe('record intake', () => {
  it('makes a ticket awaiting classification from a form post, with its requester, first event and intake item', async () => {
    const hub = inMemoryIntake();
    const operator = { kind: 'user' as const, id: 7, name: '话务员' };
    const result = await new RecordIntakeUseCase(hub.uow).execute({
      drafts: [
        {
          channel: 'web',
          source: '网上信访',
          externalId: 'WEB-1',
          receivedAt: at,
          text: '幸福路路灯不亮',
          recordedBy: operator,
          requester: { name: ' 李四 ', phone: '139-0000-0002' },
          raw: { kind: 'http', archived: archived(1) },
        },
      ],
    });
    expect(result).toMatchObject({ created: 1, duplicates: 0, recorded: [{ status: 'ticketed', ticketId: 1, created: true, intakeItemId: 1 }] });
    const [ticket] = hub.tickets.tickets.all();
    expect(ticket).toMatchObject({ status: 'received', channel: 'web', sourceId: 4, externalId: 'WEB-1', text: '幸福路路灯不亮', requesterId: 1 });
    expect(hub.tickets.requesters.get(1)).toMatchObject({ name: '李四', phone: '13900000002', originTicketId: 1 });
    expect(hub.events.table.all()).toMatchObject([{ ticketId: 1, type: 'received', actorName: '话务员', toStatus: 'received', data: { channel: 'web' } }]);
    expect(hub.items.table.all()).toMatchObject([
      { kind: 'http', sourceName: '网上信访', rawPath: 'raw/x/1.eml', status: 'ticketed', ticketId: 1, attempts: 1 },
    ]);
    expect(hub.uow.jobs.jobs).toEqual([{ name: 'ticket-classify', payload: { ticketIds: [1] }, delayMs: undefined }]);
  });

  it('takes an export row once however often it comes, inside one batch or in a later one, and a new line becomes a source', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    const first = await record.execute({ drafts: [row('GD1'), row('GD2'), row('GD1'), { ...row('GD3'), source: '新开热线' }] });
    expect([first.created, first.duplicates]).toEqual([3, 1]);
    expect(first.recorded.map((r) => [r.status, r.ticketId])).toEqual([
      ['ticketed', 1],
      ['ticketed', 2],
      ['duplicate', 1],
      ['ticketed', 3],
    ]);
    const again = await record.execute({ drafts: [row('GD2'), row('GD4')] });
    expect(again.recorded.map((r) => [r.status, r.ticketId, r.created])).toEqual([
      ['duplicate', 2, false],
      ['ticketed', 4, true],
    ]);
    expect(hub.tickets.tickets.all()).toHaveLength(4);
    expect(await hub.sources.findByName('新开热线')).toMatchObject({ channel: 'hotline' });
    expect(hub.items.table.all()).toEqual([]); // an export row's original is its file
    // Their lookup rows are written after the commit (a bulk path), then they are classified after the other channels' tickets waiting (bulk).
    expect(hub.uow.jobs.jobs.map((j) => [j.name, j.payload])).toEqual([
      ['ticket-search-index', { ticketIds: [1, 2, 3] }],
      ['ticket-classify', { ticketIds: [1, 2, 3], bulk: true }],
      ['ticket-search-index', { ticketIds: [4] }],
      ['ticket-classify', { ticketIds: [4], bulk: true }],
    ]);
  });

  it('writes nothing for a letter seen before in its mailbox, by Message-ID or by UID, and takes a repeat in the batch once', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    await record.execute({ drafts: [letter(1), letter(2)] });
    const sameId = letter(1, {
      raw: { ...(letter(1).raw as object), letter: { mailbox: '市长信箱', folder: 'INBOX', uidValidity: '7', uid: 9 } } as IntakeDraft['raw'],
    });
    const sameUid = letter(3, {
      raw: { ...(letter(3).raw as object), letter: { mailbox: '市长信箱', folder: 'INBOX', uidValidity: '7', uid: 2 } } as IntakeDraft['raw'],
    });
    const result = await record.execute({ drafts: [sameId, sameUid, letter(4), letter(4)] });
    expect(result.recorded.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'ticketed', 'duplicate']);
    expect(hub.items.table.all().map((i) => i.messageId)).toEqual(['<l-1@example.cn>', '<l-2@example.cn>', '<l-4@example.cn>']);
    expect(hub.tickets.tickets.all()).toHaveLength(3);
  });

  it('records a new letter whose ticket already exists against that ticket, with the reason, and classifies it again', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    await record.execute({ drafts: [{ ...letter(5), raw: { kind: 'http', archived: archived(50) } }] });
    const result = await record.execute({ drafts: [letter(5)] });
    expect(result.recorded).toEqual([{ status: 'ticketed', ticketId: 1, intakeItemId: 2, created: false }]);
    expect(hub.items.table.get(2)).toMatchObject({ status: 'ticketed', ticketId: 1, reason: '已有相同邮件的工单', mailbox: '市长信箱', uid: 5 });
    expect(hub.uow.jobs.jobs.at(-1)?.payload).toEqual({ ticketIds: [1] });
  });

  it("adds a reply to the ticket's timeline, and keeps ignored and quarantined letters as items only, with their attachments", async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    await record.execute({ drafts: [letter(1)] });
    const photo = { filename: '现场照片.jpg', contentType: 'image/jpeg', size: 4, sha256: 'a'.repeat(64), path: 'raw/attachments/aa/a.jpg', tooLarge: false };
    const result = await record.execute({
      drafts: [
        letter(2, { subject: 'Re: 来信1', text: '还是没有人来。', attachments: [photo], disposition: { kind: 'reply', ticketId: 1, via: 'letter' } }),
        letter(3, { text: '', disposition: { kind: 'ignored', reason: '自动回复（Auto-Submitted: auto-replied）', code: 'auto_reply' } }),
        letter(4, { text: '', disposition: { kind: 'quarantined', reason: '邮件已损坏', code: 'truncated' } }),
      ],
    });
    expect(result.recorded.map((r) => [r.status, r.ticketId])).toEqual([
      ['threaded', 1],
      ['ignored', null],
      ['quarantined', null],
    ]);
    expect(hub.events.table.where((e) => e.type === 'requester_reply')).toMatchObject([
      {
        ticketId: 1,
        actorKind: 'requester',
        actorName: '王五',
        data: {
          messageId: '<l-2@example.cn>',
          subject: 'Re: 来信1',
          from: 'wangwu@example.cn',
          via: 'letter',
          text: '还是没有人来。',
          attachments: ['现场照片.jpg'],
        },
      },
    ]);
    expect(
      hub.items.table
        .all()
        .slice(1)
        .map((i) => [i.status, i.reason]),
    ).toEqual([
      ['threaded', null],
      ['ignored', '自动回复（Auto-Submitted: auto-replied）'],
      ['quarantined', '邮件已损坏'],
    ]);
    expect(hub.attachments.table.all()).toMatchObject([{ ticketId: 1, intakeItemId: 2, filename: '现场照片.jpg' }]);
    expect(hub.tickets.tickets.all()).toHaveLength(1);
    expect(hub.uow.jobs.jobs).toHaveLength(1); // a reply is not classified again
  });

  it('runs a quarantined letter again in place, and a second re-run of the same state finds nothing to do', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    await record.execute({ drafts: [letter(1, { text: '', disposition: { kind: 'quarantined', reason: '解析失败', code: 'parser_failed' } })] });
    const rerun = letter(1, { raw: { ...(letter(1).raw as object), rerunOf: { intakeItemId: 1, status: 'quarantined', attempts: 1 } } as IntakeDraft['raw'] });
    expect((await record.execute({ drafts: [rerun] })).recorded[0]).toMatchObject({ status: 'ticketed', intakeItemId: 1, created: true });
    expect((await record.execute({ drafts: [rerun] })).recorded[0]).toMatchObject({ status: 'unchanged' });
    expect(hub.items.table.all()).toMatchObject([{ id: 1, status: 'ticketed', ticketId: 1, reason: null, attempts: 2 }]);
    expect(hub.tickets.tickets.all()).toHaveLength(1);
  });

  it('writes what the channel commits with its drafts in the same transaction, and on failure nothing at all, queueing nothing', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    const cursor: number[] = [];
    await record.execute({ drafts: [], oneTransaction: true, alsoWrite: async () => void cursor.push(0) });
    expect(cursor).toEqual([0]);
    await expect(
      record.execute({
        drafts: [letter(1), letter(2)],
        oneTransaction: true,
        alsoWrite: async () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect([hub.tickets.tickets.all(), hub.items.table.all(), hub.events.table.all(), hub.uow.jobs.jobs]).toEqual([[], [], [], []]);
  });

  it('does a batch again when a concurrent writer took one of its keys meanwhile, and then counts that row as a duplicate', async () => {
    const hub = inMemoryIntake();
    const record = new RecordIntakeUseCase(hub.uow);
    await record.execute({ drafts: [row('GD1')] });
    const findByKeys = hub.tickets.findByKeys.bind(hub.tickets);
    let stale = true; // the first check runs before the other writer's commit
    hub.tickets.findByKeys = async (keys) => (stale ? ((stale = false), []) : findByKeys(keys));
    const result = await record.execute({ drafts: [row('GD1'), row('GD2')] });
    expect(result.recorded.map((r) => r.status)).toEqual(['duplicate', 'ticketed']);
    expect(hub.tickets.tickets.all()).toHaveLength(2);
  });

  it('refuses a draft for a ticket without text, naming the field, and records nothing', async () => {
    const hub = inMemoryIntake();
    await expect(new RecordIntakeUseCase(hub.uow).execute({ drafts: [row('GD1'), row('GD2', '  ')] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'drafts[1].text must not be empty',
    });
    expect(hub.tickets.tickets.all()).toEqual([]);
  });
});

describe('record intake: receipts with 查询码', () => {
  const settings = { ticketPrefix: 'QH', publicUrl: 'https://12345.example.cn', clock: { now: () => new Date(at.getTime() + 60_000) } };
  const call = (externalId: string, requester: IntakeDraft['requester']): IntakeDraft => ({ ...row(externalId), requester });

  it('gives every new ticket a code kept only as a hash, and sends it by mail, else by SMS to a mobile, never to a landline', async () => {
    const hub = inMemoryIntake();
    const result = await new RecordIntakeUseCase(hub.uow, settings).execute({
      drafts: [
        call('R1', { name: '张三', phone: '13900000001', email: 'zs@example.cn' }),
        call('R2', { name: '李四', phone: '+86 139-0000-0002' }),
        call('R3', { name: '王五', phone: '0791-88886666' }),
        call('R1', { name: '张三', phone: '13900000001' }),
      ],
    });
    const codes = result.recorded.map((r) => r.lookupCode ?? null);
    expect(codes.slice(0, 3).every((c) => /^[2-9A-HJKMNP-Z]{8}$/.test(c ?? ''))).toBe(true);
    expect(new Set(codes.slice(0, 3)).size).toBe(3);
    expect(codes[3]).toBeNull(); // the repeated row made no ticket: no second code
    const tickets = hub.tickets.tickets.all();
    expect(tickets.map((t) => t.lookupCodeHash?.startsWith('s1$'))).toEqual([true, true, true]);
    expect(tickets.some((t) => codes.some((c) => c && t.lookupCodeHash?.includes(c)))).toBe(false);

    const mails = hub.outbox.table.all();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ dedupeKey: 'receipt-1', kind: 'receipt', to: ['zs@example.cn'], ticketId: 1 });
    expect(mails[0].text).toContain(`工单编号 QH20250302-000001，查询码 ${codes[0]}`);
    expect(mails[0].text).toContain('https://12345.example.cn/q?n=QH20250302-000001');
    const sms = hub.sms.table.all();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ dedupeKey: 'receipt-2', kind: 'receipt', phone: '13900000002', ticketId: 2, essential: true });
    expect(sms[0].text).toBe(`您的诉求已受理，工单号QH20250302-000002，查询码${codes[1]}，可凭此查询办理进度。`);
    expect(hub.uow.jobs.jobs.map((j) => j.name).sort()).toEqual(['mail-send', 'send-sms', 'ticket-classify', 'ticket-search-index']);
  });

  it('makes the code but sends no receipt for a ticket received more than a week before it was recorded', async () => {
    const hub = inMemoryIntake();
    const late = { ...settings, clock: { now: () => new Date(at.getTime() + 8 * 86_400_000) } };
    const result = await new RecordIntakeUseCase(hub.uow, late).execute({ drafts: [call('OLD', { phone: '13900000003' })] });
    expect(result.recorded[0].lookupCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(hub.sms.table.all()).toEqual([]);
  });
});
