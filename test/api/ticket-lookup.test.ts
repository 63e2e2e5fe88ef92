/**
 * #16 one lookup: an operator with a caller on the line finds the ticket by whatever the caller
 * gives — the number in any writing, the phone in any writing, the name, the e-mail, the hotline's
 * own id, the address or words of the request — best match first; a unit finds only its own.
 * On MariaDB (FULLTEXT over the hub's words) and on SQLite (FTS5).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiHarness, startApi } from '@hub/testing';

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c === '-' ? 0xff0d : c.charCodeAt(0) + 0xfee0));

describe.each([
  ['MariaDB', () => ({})],
  ['SQLite', () => ({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-lookup-')), 'hub.sqlite')}` })],
])('GET /api/tickets?q= on %s', (_name, env) => {
  let api: ApiHarness;
  let operator: string;
  let unit1: string;
  let unit1Id: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ids: Record<string, { id: number; number: string }> = {};

  const intake = async (body: object) => {
    const res = await api.http().post('/api/intake').set(auth(operator)).send(body);
    if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as number, number: res.body.number as string };
  };
  const find = async (q: string, token = operator) => {
    const res = await api
      .http()
      .get(`/api/tickets?q=${encodeURIComponent(q)}`)
      .set(auth(token));
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: number }>).map((t) => t.id);
  };

  beforeAll(async () => {
    api = await startApi(env());
    operator = await api.login('operator');
    const u1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body;
    [unit1, unit1Id] = [u1.token, u1.user.units[0].id];
    ids.chen = await intake({
      text: '灵活就业人员怎么办理医保参保登记，社区说要去区医保局',
      name: '陈先生',
      phone: '+86 139-1234-5678',
      email: 'Chen.Xs@Example.com',
      address: '青禾市东湖区桃园小区3栋',
      source: '市长公开电话',
      externalId: 'RX-2026-0042',
    });
    ids.chenAgain = await intake({ text: '还是医保参保登记的事，上次没人回复', name: '陈先生', phone: '13912345678' });
    ids.noise = await intake({ text: '湖滨新村夜间施工噪音扰民', name: '王女士', phone: '13800001111', address: '西城区湖滨新村' });
    ids.secret = await intake({ text: '举报某单位违规收费', name: '李四', phone: '13700002222', confidential: true });
    for (const t of [ids.noise, ids.secret]) {
      const res = await api.http().post(`/api/tickets/${t.id}/dispatch`).set(auth(operator)).send({ unitId: unit1Id });
      expect(res.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it('finds a ticket by its number in any case, width, with or without the prefix', async () => {
    const n = ids.noise.number;
    for (const q of [n, n.toLowerCase(), toFullWidth(n), n.replace(/^QH/, ''), n.replace('-', '')]) expect([q, await find(q)]).toEqual([q, [ids.noise.id]]);
  });

  it('finds every ticket of a phone however it is written, newest first', async () => {
    for (const q of ['13912345678', '+86 139 1234 5678', '139-1234-5678', '139 1234 5678', toFullWidth('13912345678')]) {
      expect([q, await find(q)]).toEqual([q, [ids.chenAgain.id, ids.chen.id]]);
    }
  });

  it('takes and finds a phone written with brackets: (0571) 8765-4321, (+86) 139 1234 5678', async () => {
    const landline = await intake({ text: '小区门口公交站牌被撞倒', phone: '(0571) 8765-4321' });
    for (const q of ['(0571) 8765-4321', '0571-87654321', '（0571）87654321']) expect([q, await find(q)]).toEqual([q, [landline.id]]);
    expect(await find('(+86) 139 1234 5678')).toEqual([ids.chenAgain.id, ids.chen.id]);
  });

  it('finds by name, e-mail, the hotline id and the address', async () => {
    expect(await find('陈先生')).toEqual([ids.chenAgain.id, ids.chen.id]);
    expect(await find('chen.xs@example.com')).toEqual([ids.chen.id]);
    expect(await find('rx-2026-0042')).toEqual([ids.chen.id]);
    expect(await find('桃园小区')).toEqual([ids.chen.id]);
  });

  it('finds by words of the request, not only as a substring, best match first', async () => {
    expect(await find('医保参保登记')).toEqual(expect.arrayContaining([ids.chen.id, ids.chenAgain.id]));
    expect(await find('参保 医保局')).toEqual([ids.chen.id]);
    expect(await find('施工噪音')).toEqual([ids.noise.id]);
    // A number that identifies a requester finds that requester's tickets; one that only appears in a text finds the text.
    const mention = await intake({ text: `邻居说陈先生的事也要反映，他的电话 13511112222`, phone: '13600000000' });
    expect(await find('13511112222')).toEqual([mention.id]);
    expect(await find('13912345678')).toEqual([ids.chenAgain.id, ids.chen.id]);
  });

  it("shows the caller's earlier tickets (此号码历史来电) as typed at intake and on a ticket, and merges the call into one", async () => {
    const typed = await api
      .http()
      .get(`/api/callers/history?phone=${encodeURIComponent('139 1234 5678')}`)
      .set(auth(operator));
    expect(typed.status).toBe(200);
    expect(typed.body.phone).toBe('13912345678');
    expect(typed.body.items.map((t: { id: number }) => t.id)).toEqual([ids.chenAgain.id, ids.chen.id]);
    expect(typed.body.items[0]).toMatchObject({ number: ids.chenAgain.number, statusLabel: expect.any(String), mergeable: true });

    const call = await intake({ text: '第三次来电，医保参保登记还没办好', phone: '+86 13912345678' });
    const history = await api.http().get(`/api/tickets/${call.id}/caller-history`).set(auth(operator));
    expect(history.body.items.map((t: { id: number }) => t.id)).toEqual([ids.chenAgain.id, ids.chen.id]);
    const merged = await api.http().post(`/api/tickets/${call.id}/merge`).set(auth(operator)).send({ targetTicketId: history.body.items[1].id });
    expect(merged.status).toBe(200);
    const target = await api.http().get(`/api/tickets/${ids.chen.id}`).set(auth(operator));
    expect(target.body.repeats.map((r: { id: number }) => r.id)).toContain(call.id);
    // A unit has no caller history; another unit's ticket stays absent.
    expect((await api.http().get(`/api/tickets/${ids.noise.id}/caller-history`).set(auth(unit1))).status).toBe(403);
    expect((await api.http().get('/api/callers/history?phone=13912345678').set(auth(unit1))).status).toBe(403);
  });

  it('lets a unit find only its own tickets, and a confidential one not by the requester', async () => {
    expect(await find('施工噪音', unit1)).toEqual([ids.noise.id]);
    expect(await find('13912345678', unit1)).toEqual([]);
    expect(await find(ids.chen.number, unit1)).toEqual([]);
    expect(await find('13700002222', unit1)).toEqual([]);
    expect(await find('违规收费', unit1)).toEqual([ids.secret.id]);
  });
});
