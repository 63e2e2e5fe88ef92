import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiHarness, startApi } from '@hub/testing';
import { AttachmentEntity, openDatabase, OutgoingMailEntity, TicketEntity, TicketEventEntity } from '@hub/database';
import type { DataSource } from 'typeorm';

/** What a system integrating with the hub, or a hurried person, gets wrong, and what the API answers. */
describe('the API facing client mistakes', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let operator: string;
  let unit1: string;
  let unit1Id: number;
  let unit2Id: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi();
    ds = await openDatabase(api.config.env.database);
    operator = await api.login('operator');
    const login1 = await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' });
    unit1 = login1.body.token;
    unit1Id = login1.body.user.units[0].id;
    unit2Id = (await api.http().post('/api/auth/login').send({ username: 'unit2', password: 'hub12345' })).body.user.units[0].id;
  });
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  async function newTicket(text: string, extra: Record<string, unknown> = {}): Promise<number> {
    const res = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .send({ text, ...extra });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const act = (id: number, action: string, token: string, body: object = {}) => api.http().post(`/api/tickets/${id}/${action}`).set(auth(token)).send(body);

  it('reads a long request escaped as \\uXXXX (Python json.dumps), and answers a body over the limit with 413', async () => {
    const text = '东湖区湖滨路夜间施工噪音扰民'.repeat(1300); // 18,200 characters: 109 kB escaped
    const escaped = JSON.stringify({ text }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const ok = await api.http().post('/api/intake').set(auth(operator)).set('Content-Type', 'application/json').send(escaped);
    expect(ok.status).toBe(201);
    const huge = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/request body too large: at most 1mb/);
  });

  it('says the Content-Type is wrong instead of "text 不能为空" for a JSON body sent as text/plain', async () => {
    const res = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ text: '小区门口垃圾清运不及时' }));
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/Content-Type must be application\/json \(got text\/plain\)/);
    // A chunked request with no Content-Type is an action without a body, not an unreadable one.
    const id = await newTicket('来电反映小区电梯困人已解除，要求检查');
    const chunked = await api.http().post(`/api/tickets/${id}/accept`).set(auth(operator)).set('Transfer-Encoding', 'chunked');
    expect(chunked.status).toBe(200);
  });

  it('says a JSON body was sent as a form (curl -d without a header) instead of "property {…} should not exist"', async () => {
    const res = await api
      .http()
      .post('/api/intake')
      .set(auth(operator))
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('{"text":"小区门口垃圾清运不及时"}');
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/the body is JSON but was sent as application\/x-www-form-urlencoded/);
    const form = await api.http().post('/api/intake').set(auth(operator)).type('form').send({ text: '网页表单提交的诉求内容' });
    expect(form.status).toBe(201);
  });

  it('gives one ticket to an external id posted several times at once (a sender retrying)', async () => {
    const body = { text: '网站留言：幸福路路灯不亮', externalId: 'WEB-2025-0001' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.http().post('/api/intake').set(auth(operator)).send(body)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(answers.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await ds.getRepository(TicketEntity).countBy({ externalId: 'WEB-2025-0001' })).toBe(1);
  });

  it('keeps a named line in its channel: a call typed in for 市长公开电话 is a hotline ticket, a web one is refused', async () => {
    const mixed = await api.http().post('/api/intake').set(auth(operator)).send({ text: '来电反映公交线路调整', channel: 'web', source: '市长公开电话' });
    expect([mixed.status, mixed.body.message]).toEqual([400, 'source 市长公开电话 is a hotline source; send channel hotline or leave channel out']);
    const id = await newTicket('来电反映公交线路调整', { source: '市长公开电话' });
    const detail = await api.http().get(`/api/tickets/${id}`).set(auth(operator));
    expect([detail.body.channel, detail.body.source]).toEqual(['hotline', '市长公开电话']);
  });

  it('answers a dispatch sent twice with the ticket as it is, and a dispatch to another unit as 改派', async () => {
    const id = await newTicket('来电反映西城路井盖缺失，存在安全隐患');
    const first = await act(id, 'dispatch', operator, { unitId: unit1Id });
    expect(first.status).toBe(200);
    // A double click or a retried request: the same ticket back, not a 改派 that restarts deadlines and mails again.
    const again = await act(id, 'dispatch', operator, { unitId: unit1Id });
    expect([again.status, again.body.status, again.body.replyDueAt]).toEqual([200, 'dispatched', first.body.replyDueAt]);
    const same = await act(id, 'reassign', operator, { unitId: unit1Id });
    expect(same.status).toBe(422);
    expect(same.body.message).toMatch(/already with 市住房和城乡建设局/);
    const events = await ds.getRepository(TicketEventEntity).findBy({ ticketId: id });
    expect(events.map((e) => e.type)).toEqual(['received', 'dispatch']);
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ ticketId: id, kind: 'dispatch' })).toBe(1);
    // Dispatching a ticket that is already with a unit to another one is 改派 (the operator's choice wins).
    const other = await act(id, 'dispatch', operator, { unitId: unit2Id });
    expect([other.status, other.body.status]).toEqual([200, 'dispatched']);
    const after = await ds.getRepository(TicketEventEntity).find({ where: { ticketId: id }, order: { id: 'ASC' } });
    expect(after.map((e) => e.type)).toEqual(['received', 'dispatch', 'reassign']);
    expect(await ds.getRepository(OutgoingMailEntity).countBy({ ticketId: id, kind: 'dispatch' })).toBe(2);
  });

  it('refuses a category or region the city did not configure when dispatching, and changes nothing', async () => {
    const id = await newTicket('来电反映西城路人行道地砖松动');
    const category = await act(id, 'dispatch', operator, { unitId: unit1Id, category: '城市管理/火星殖民' });
    expect([category.status, category.body.message]).toEqual([
      422,
      'category 城市管理/火星殖民 is not in taxonomy.yaml; choose one of its categories (一级/二级)',
    ]);
    const region = await act(id, 'dispatch', operator, { unitId: unit1Id, region: '火星区' });
    expect(region.status).toBe(422);
    expect(region.body.message).toMatch(/^region 火星区 is not in regions.yaml; choose one of .*东湖区/);
    const detail = await api.http().get(`/api/tickets/${id}`).set(auth(operator));
    expect([detail.body.status, detail.body.category]).not.toContain('城市管理/火星殖民');
    expect(detail.body.status).toBe('received');
  });

  it('lists the tickets of a Beijing day for date-only from/to, and names each bad filter with 400', async () => {
    // 07:30 in Beijing is still the day before in UTC.
    const id = await newTicket('清晨来电：南湖小区停水', { receivedAt: '2025-03-02T07:30:00+08:00' });
    const day = await api.http().get('/api/tickets?from=2025-03-02&to=2025-03-02').set(auth(operator));
    expect(day.status).toBe(200);
    expect(day.body.items.map((t: { id: number }) => t.id)).toEqual([id]);
    const zoneless = await api.http().get('/api/tickets?from=2025-03-02T07:00:00&to=2025-03-02T08:00:00&status=received,').set(auth(operator));
    expect(zoneless.body.items.map((t: { id: number }) => t.id)).toEqual([id]);
    const twice = await api.http().get('/api/tickets?from=2025-03-02&to=2025-03-02&status=received&status=closed').set(auth(operator));
    expect(twice.body.items.map((t: { id: number }) => t.id)).toEqual([id]);

    const bad: Array<[string, RegExp]> = [
      ['from=2025-02-30', /from must be a date YYYY-MM-DD or an ISO 8601 time/],
      ['from=2025-03-03&to=2025-03-02', /from \(2025-03-03\) is after to \(2025-03-02\)/],
      ['page=abc', /page must be a whole number/],
      ['pageSize=ten', /pageSize must be a whole number/],
      ['unit=东湖', /unit must be a whole number/],
      ['status=open', /status "open" is not a ticket status/],
      ['overdue=yes', /overdue must be true or false/],
    ];
    for (const [qs, message] of bad) {
      const res = await api.http().get(`/api/tickets?${qs}`).set(auth(operator));
      expect([qs, res.status, res.body.message]).toEqual([qs, 400, expect.stringMatching(message)]);
    }
  });

  it('searches for the text as typed: % and _ are not wildcards', async () => {
    const percent = await newTicket('申请物业费减免50%，至今未答复');
    await newTicket('申请物业费减免500元，至今未答复');
    const res = await api
      .http()
      .get(`/api/tickets?q=${encodeURIComponent('减免50%')}`)
      .set(auth(operator));
    expect(res.body.items.map((t: { id: number }) => t.id)).toEqual([percent]);
  });

  it('refuses a receivedAt that does not exist or lies in the future', async () => {
    const feb30 = await api.http().post('/api/intake').set(auth(operator)).send({ text: '路面塌陷', receivedAt: '2025-02-30T10:00:00+08:00' });
    expect(feb30.status).toBe(400);
    expect(JSON.stringify(feb30.body.message)).toMatch(/receivedAt must be an ISO 8601 time that exists/);
    const future = await api.http().post('/api/intake').set(auth(operator)).send({ text: '路面塌陷', receivedAt: '2099-01-01T10:00:00+08:00' });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body.message)).toMatch(/is in the future/);
  });

  it('keeps an approved extension within the policy', async () => {
    const id = await newTicket('反映老旧小区加装电梯补贴申请进度');
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    await act(id, 'acknowledge', unit1);
    expect((await act(id, 'extension', unit1, { days: 3, reason: '需协调街道与住建部门' })).status).toBe(200);
    const tooLong = await act(id, 'approve-extension', operator, { days: 30 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.message).toMatch(/at most 10 working days \(asked: 30\)/);
    expect((await act(id, 'approve-extension', operator, { days: 5 })).status).toBe(200);
    const urgent = await newTicket('燃气管道漏气，请立即处置', { urgency: 'urgent' });
    await act(urgent, 'dispatch', operator, { unitId: unit1Id });
    await act(urgent, 'acknowledge', unit1);
    const none = await act(urgent, 'extension', unit1, { days: 1, reason: '需要协调' });
    expect(none.status).toBe(422);
    expect(none.body.message).toMatch(/allows no extension for this kind of ticket/);
  });

  it('closes a replied ticket before its follow-up (回访) only with a reason', async () => {
    const id = await newTicket('反映幸福路公交站台破损');
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    await act(id, 'acknowledge', unit1);
    expect((await act(id, 'reply', unit1, { outcome: 'resolved', text: '站台已修复' })).status).toBe(200);
    const bare = await act(id, 'close', operator);
    expect(bare.status).toBe(400);
    expect(bare.body.message).toMatch(/not surveyed/);
    expect((await act(id, 'close', operator, { reason: '三次回访均未接通' })).status).toBe(200);
  });

  it('names one problem a field, the one to act on, for an action sent without its data', async () => {
    const id = await newTicket('反映湖滨路垃圾桶满溢无人清运');
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    const noReason = await act(id, 'return', unit1, {});
    expect([noReason.status, noReason.body.message]).toEqual([400, ['reason 不能为空：请说明理由']]);
    await act(id, 'acknowledge', unit1);
    const reply = await act(id, 'reply', unit1, { outcome: 'done' });
    expect(reply.body.message).toEqual(['outcome must be one of resolved, partly_resolved, unresolved, explained, not_true', 'text 不能为空：请填写办理结果']);
    const days = await act(id, 'extension', unit1, { days: 'abc', reason: 12 });
    expect(days.body.message).toEqual(['days must be an integer number', 'reason must be a string']);
  });

  it("records an assisting unit's 签收 and 反馈 once each, and tells it what only the lead unit may do", async () => {
    const id = await newTicket('反映东湖区某小区违建搭棚并占用消防通道');
    expect((await act(id, 'dispatch', operator, { unitId: unit2Id, assistUnitIds: [unit1Id] })).status).toBe(200);
    const early = await act(id, 'reply', unit1, { outcome: 'resolved', text: '协办意见' });
    expect([early.status, early.body.message]).toEqual([409, 'the assisting unit (协办) must acknowledge (签收) the ticket before replying']);
    const acks = await Promise.all([act(id, 'acknowledge', unit1), act(id, 'acknowledge', unit1)]);
    expect(acks.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await act(id, 'reply', unit1, { outcome: 'resolved', text: '已配合现场核查' })).status).toBe(200);
    const twice = await act(id, 'reply', unit1, { outcome: 'resolved', text: '已配合现场核查' });
    expect([twice.status, twice.body.message]).toEqual([409, 'the assisting unit (协办) has already replied (办结反馈) on this ticket']);
    const events = await ds.getRepository(TicketEventEntity).findBy({ ticketId: id });
    expect(events.map((e) => e.type).filter((t) => t.startsWith('assist_'))).toEqual(['assist_acknowledged', 'assist_replied']);
    const ret = await act(id, 'return', unit1, { reason: '不属于本单位职责' });
    expect([ret.status, ret.body.message]).toEqual([422, expect.stringMatching(/only the lead unit \(主办\) may return/)]);
  });

  it("puts a ticket in an assisting unit's 待签收 until it signs, even after the lead has signed, with 签收 as its only button", async () => {
    const id = await newTicket('反映东湖区某小区地下车库长期积水，需住建和城管共同处理');
    await act(id, 'dispatch', operator, { unitId: unit2Id, assistUnitIds: [unit1Id] });
    const unit2 = (await api.http().post('/api/auth/login').send({ username: 'unit2', password: 'hub12345' })).body.token;
    await act(id, 'acknowledge', unit2);
    const inbox = async (view: string) => (await api.http().get('/api/tickets').query({ view }).set(auth(unit1))).body.items.map((t: { id: number }) => t.id);
    expect(await inbox('pending_ack')).toContain(id);
    expect(await inbox('in_progress')).not.toContain(id);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(unit1))).body.actions).toEqual(['acknowledge']);
    await act(id, 'acknowledge', unit1);
    expect(await inbox('pending_ack')).not.toContain(id);
    expect(await inbox('in_progress')).toContain(id);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(unit1))).body.actions).toEqual(['reply']);
    await act(id, 'reply', unit1, { outcome: 'resolved', text: '已配合排水' });
    expect(await inbox('in_progress')).not.toContain(id);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(unit2))).body.actions.sort()).toEqual([
      'contact',
      'reply',
      'request_extension',
      'request_suspension',
      'return',
    ]);
  });

  it('tells a unit that acts on a ticket it no longer holds that it is closed, not "not found"', async () => {
    const id = await newTicket('反映幸福路人行道地砖松动');
    await act(id, 'dispatch', operator, { unitId: unit1Id });
    await act(id, 'acknowledge', unit1);
    await act(id, 'reply', unit1, { outcome: 'resolved', text: '已修复' });
    await act(id, 'survey', operator, { rating: '满意' });
    await act(id, 'close', operator);
    const late = await act(id, 'reply', unit1, { outcome: 'resolved', text: '补充说明' });
    expect([late.status, late.body.message]).toEqual([422, 'your unit no longer holds this ticket: it is closed (已办结); there is nothing to do on it']);
  });

  it('never takes the session token from the URL, not even for an attachment download (#14: signed links instead)', async () => {
    const id = await newTicket('来信附照片：小区消防通道被占用');
    mkdirSync(join(api.config.env.dataDir, 'att'), { recursive: true });
    writeFileSync(join(api.config.env.dataDir, 'att', 'photo.jpg'), 'JPEG');
    const a = await ds.getRepository(AttachmentEntity).save({
      ticketId: id,
      intakeItemId: null,
      filename: '现场照片.jpg',
      contentType: 'image/jpeg',
      size: 4,
      sha256: '0'.repeat(64),
      path: 'att/photo.jpg',
      tooLarge: false,
    });
    const file = await api.http().get(`/api/tickets/${id}/attachments/${a.id}?access_token=${encodeURIComponent(operator)}`);
    expect(file.status).toBe(401);
    const list = await api.http().get(`/api/tickets?access_token=${encodeURIComponent(operator)}`);
    expect(list.status).toBe(401);
    const post = await api
      .http()
      .post(`/api/tickets/${id}/accept?access_token=${encodeURIComponent(operator)}`)
      .send({});
    expect(post.status).toBe(401);
  });

  it('merges a repeat only into a ticket still being handled, not one answered directly', async () => {
    const answered = await newTicket('咨询公积金提取条件');
    await act(answered, 'accept', operator);
    expect((await act(answered, 'direct-answer', operator, { text: '已告知提取条件及办理地点' })).status).toBe(200);
    const repeat = await newTicket('再次咨询公积金提取条件，要求上门办理');
    const res = await act(repeat, 'merge', operator, { targetTicketId: answered });
    expect([res.status, res.body.message]).toEqual([422, `ticket ${answered} is direct_answer (直接答复); merge into an open ticket`]);
  });

  it('merges two tickets into each other at the same moment into one direction only, the other a 409', async () => {
    const a = await newTicket('重复来电：湖滨新村物业费上调（一）');
    const b = await newTicket('重复来电：湖滨新村物业费上调（二）');
    const [ab, ba] = await Promise.all([act(a, 'merge', operator, { targetTicketId: b }), act(b, 'merge', operator, { targetTicketId: a })]);
    expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1);
    const statuses = (await ds.getRepository(TicketEntity).findBy([{ id: a }, { id: b }])).map((t) => t.status).sort();
    expect(statuses).toEqual(['merged', 'received']);
    const loser = ab.status === 200 ? ba : ab;
    expect([409, 422]).toContain(loser.status);
  });
});
