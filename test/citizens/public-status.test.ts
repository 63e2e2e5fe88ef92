import { openDatabase, OutgoingMailEntity, OutgoingSmsEntity, SurveyLinkEntity, TicketEntity } from '@hub/database';
import { ApiHarness, startApi } from '@hub/testing';
import type { DataSource } from 'typeorm';

/**
 * A caller entered by an operator gets a receipt, sees the progress with the number and the
 * 查询码 (and the reply once given, nothing personal), answers the 回访 link, and it counts.
 */
describe('citizens: receipt, public status, survey link (MariaDB + Redis)', () => {
  let api: ApiHarness;
  let ds: DataSource;
  let operator: string;

  beforeAll(async () => {
    api = await startApi({ HUB_PUBLIC_URL: 'https://12345.qinghe.example.cn', HUB_TRUSTED_PROXIES: 'loopback' });
    ds = await openDatabase(api.config.env.database);
    operator = await api.login('operator');
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  const call = (body: Record<string, unknown>) => api.http().post('/api/intake').set('Authorization', `Bearer ${operator}`).send(body);
  const lookup = (number: string, code: string, ip = '10.9.0.1') =>
    api
      .http()
      .get(`/api/public/tickets/${encodeURIComponent(number)}`)
      .query({ code })
      .set('X-Forwarded-For', ip);

  async function replied(phone: string): Promise<{ id: number; number: string; code: string }> {
    const r = await call({ channel: 'hotline', source: '市长公开电话', text: '东湖区湖滨新村小区门口路灯不亮已有一周，晚上出行不便', name: '王先生', phone });
    expect(r.status).toBe(201);
    const unit = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.user.units[0];
    const auth = { Authorization: `Bearer ${operator}` };
    expect((await api.http().post(`/api/tickets/${r.body.id}/dispatch`).set(auth).send({ unitId: unit.id })).status).toBe(200);
    const owner = { Authorization: `Bearer ${await api.login('unit1')}` };
    expect((await api.http().post(`/api/tickets/${r.body.id}/acknowledge`).set(owner)).status).toBe(200);
    const reply = await api.http().post(`/api/tickets/${r.body.id}/reply`).set(owner).send({ outcome: 'resolved', text: '已更换路灯灯具，恢复照明。' });
    expect(reply.status).toBe(200);
    return { id: r.body.id, number: r.body.number, code: r.body.lookupCode };
  }

  it('an operator’s call gets number and 查询码 in the answer and by SMS; the code shows progress and nothing personal', async () => {
    const r = await call({
      channel: 'hotline',
      source: '市长公开电话',
      text: '幸福路与人民路交叉口红绿灯不亮，存在安全隐患',
      name: '李四',
      phone: '139 0000 1234',
      address: '幸福路88号',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      number: expect.stringMatching(/^QH\d{8}-\d{6}$/),
      lookupCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{8}$/),
      duplicate: false,
    });
    const { number, lookupCode } = r.body as { number: string; lookupCode: string };

    const sms = await ds.getRepository(OutgoingSmsEntity).findOneByOrFail({ dedupeKey: `receipt-${r.body.id}` });
    expect(sms).toMatchObject({ kind: 'receipt', phone: '13900001234' });
    expect(sms.text).toContain(`工单号${number}，查询码${lookupCode}`);
    const stored = await ds
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .addSelect('t.lookupCodeHash')
      .where('t.id = :id', { id: r.body.id })
      .getOneOrFail();
    expect(stored.lookupCodeHash).toMatch(/^s1\$/);
    expect(stored.lookupCodeHash).not.toContain(lookupCode);
    // The hash is never in an answer of the API (ticket detail, ticket actions).
    const detail = await api.http().get(`/api/tickets/${r.body.id}`).set('Authorization', `Bearer ${operator}`);
    const accepted = await api.http().post(`/api/tickets/${r.body.id}/accept`).set('Authorization', `Bearer ${operator}`);
    expect(accepted.status).toBe(200);
    for (const body of [detail.body, accepted.body]) expect(JSON.stringify(body)).not.toMatch(/lookupCode|s1\$/);

    // Typed the way people type it: lower case, with a space.
    const res = await lookup(number.toLowerCase(), `${lookupCode.slice(0, 4).toLowerCase()} ${lookupCode.slice(4)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, status: 'accepted', statusText: '已受理，正在分派', unit: null, repliedAt: null, reply: null });
    expect(res.body.timeline).toEqual([{ at: expect.any(String), text: '诉求已受理' }]);
    const text = JSON.stringify(res.body);
    for (const personal of ['李四', '13900001234', '幸福路88号', '红绿灯']) expect(text).not.toContain(personal);

    // A requester with an e-mail address gets the receipt by mail.
    const mailed = await call({ text: '网上反映：小区垃圾清运不及时', name: '赵六', email: 'zhao6@example.cn' });
    expect(mailed.status).toBe(201);
    const mail = await ds.getRepository(OutgoingMailEntity).findOneByOrFail({ dedupeKey: `receipt-${mailed.body.id}` });
    expect(mail.kind).toBe('receipt');
    expect(mail.text).toContain(`查询码 ${mailed.body.lookupCode}`);
    expect(mail.text).toContain(`https://12345.qinghe.example.cn/q?n=${mailed.body.number}`);
  });

  it('a wrong code and a guessed number get the same 404; past the limit a number is refused even with its code', async () => {
    const r = await call({ text: '建设路菜市场周边占道经营严重', phone: '13900005678' });
    const { number, lookupCode } = r.body as { number: string; lookupCode: string };
    const wrong = await lookup(number, lookupCode === 'ABCDEFGH' ? 'ABCDEFGJ' : 'ABCDEFGH', '10.9.1.1');
    const missing = await lookup(number.replace(/-\d+$/, '-999999'), lookupCode, '10.9.1.2');
    const garbage = await lookup('not-a-number', lookupCode, '10.9.1.3');
    for (const res of [wrong, missing, garbage]) {
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('未找到该工单：请核对工单编号和查询码');
    }
    // Guessing codes for one number from many addresses: after 10 failures the number is closed for the hour.
    for (let i = 0; i < 9; i++) expect((await lookup(number, `WRONG${i}XYZ`.slice(0, 8), `10.9.2.${i}`)).status).toBe(404);
    const blocked = await lookup(number, lookupCode, '10.9.3.1');
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toContain('查询失败次数过多');
    // The same number written otherwise (as the lookup still reads it) is the same closed number.
    for (const written of [`x${number}`, `${number}x`, number.toLowerCase(), number.replace('-', ' ')])
      expect((await lookup(written, lookupCode, '10.9.3.2')).status).toBe(429);
    // Guessing numbers from one address: refused after 20 failures, whatever the number.
    const other = await call({ text: '人民公园东门井盖缺失', phone: '13900005679' });
    for (let i = 0; i < 20; i++) await lookup(`QH20250101-${String(900000 + i)}`, 'ABCDEFGH', '10.9.4.1');
    expect((await lookup(other.body.number, other.body.lookupCode, '10.9.4.1')).status).toBe(429);
    expect((await lookup(other.body.number, other.body.lookupCode, '10.9.4.2')).status).toBe(200);
  });

  it('after the reply the status shows the unit and the reply, and the survey link answered by the caller counts like a phone survey', async () => {
    const t = await replied('13900007777');
    const res = await lookup(t.number, t.code, '10.9.5.1');
    expect(res.body).toMatchObject({ status: 'replied', statusText: '已答复，等待回访', unit: expect.any(String), reply: '已更换路灯灯具，恢复照明。' });
    expect(res.body.timeline.map((s: { text: string }) => s.text)).toEqual(['诉求已受理', '已转交承办单位办理', '承办单位已签收', '承办单位已答复']);

    const sms = await ds.getRepository(OutgoingSmsEntity).findOneByOrFail({ dedupeKey: `survey-${t.id}-1` });
    const token = /\/q\/s\/([A-Za-z0-9_-]+)/.exec(sms.text)?.[1] as string;
    expect(sms.text).toContain('https://12345.qinghe.example.cn/q/s/');
    expect((await ds.getRepository(SurveyLinkEntity).findOneByOrFail({ ticketId: t.id })).tokenHash).not.toContain(token);

    const view = await api.http().get(`/api/public/surveys/${token}`);
    expect(view.body).toMatchObject({ number: t.number, state: 'open' });
    const answer = await api.http().post(`/api/public/surveys/${token}`).send({ contacted: '是', resolved: '是', rating: '满意', comment: '修得很快' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'surveyed' });
    const again = await api.http().post(`/api/public/surveys/${token}`).send({ contacted: '是', resolved: '是', rating: '不满意' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该工单已完成回访，感谢您的评价');

    const ticket = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(ticket).toMatchObject({ status: 'surveyed', rating: '满意' });
    const detail = await api.http().get(`/api/tickets/${t.id}`).set('Authorization', `Bearer ${operator}`);
    const survey = detail.body.events.find((e: { type: string }) => e.type === 'survey');
    const supervisor = await api.login('supervisor');
    const report = await api.http().get('/api/reports/summary').set('Authorization', `Bearer ${supervisor}`);
    // Counted in 满意率 as an operator's phone survey is (the only ticket surveyed so far).
    expect(report.body.timeliness).toMatchObject({ surveyed: 1 });
    expect(report.body.rates.satisfactionRate).toBe(1);
    expect(survey).toMatchObject({ actor: '诉求人（回访链接）', actorKind: 'requester', reason: '回访链接：单位已联系；问题已解决；意见：修得很快' });
  });

  it('不满意 through the link reopens the ticket to the same unit; an unknown token is 404', async () => {
    const t = await replied('13900008888');
    const sms = await ds.getRepository(OutgoingSmsEntity).findOneByOrFail({ dedupeKey: `survey-${t.id}-1` });
    const token = /\/q\/s\/([A-Za-z0-9_-]+)/.exec(sms.text)?.[1] as string;
    const answer = await api.http().post(`/api/public/surveys/${token}`).send({ contacted: '否', resolved: '否', rating: '不满意' });
    expect(answer.body).toEqual({ status: 'reopened' });
    expect((await lookup(t.number, t.code, '10.9.6.1')).body).toMatchObject({ status: 'reopened', statusText: '重新办理中' });
    expect((await api.http().get(`/api/public/surveys/${token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).status).toBe(404);
  });
});
