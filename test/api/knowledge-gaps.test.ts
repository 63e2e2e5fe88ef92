/**
 * #16 the knowledge base's gaps through the API, on MariaDB and SQLite: direct answers of a period
 * given without an entry are counted by category and listed (newest first), answers from entries
 * are counted per entry, and a bad period is a 400 naming the setting.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { TicketEntity } from '@hub/database';
import { businessDate } from '@hub/domain';
import { ApiHarness, startApi } from '@hub/testing';

describe.each([
  ['MariaDB', () => ({})],
  ['SQLite', () => ({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-kbg-')), 'hub.sqlite')}` })],
])('knowledge gaps on %s', (_name, env) => {
  let api: ApiHarness;
  let operator: string;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startApi(env());
    operator = await api.login('operator');
    admin = await api.login('admin');
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const call = async (text: string, category: string) => {
    const t = await api.http().post('/api/intake').set(auth(operator)).send({ text, phone: '13900005678' });
    expect([t.status, t.status === 201 ? '' : JSON.stringify(t.body)]).toEqual([201, '']);
    // The classifier's category, set as the operator's accept would (the test asserts the grouping, not the classifier).
    await api.app.get(DataSource).getRepository(TicketEntity).update(t.body.id, { category });
    return t.body as { id: number; number: string };
  };
  const answer = async (id: number, text: string, knowledgeId?: number) =>
    expect((await api.http().post(`/api/tickets/${id}/direct-answer`).set(auth(operator)).send({ text, knowledgeId })).status).toBe(200);

  it('counts direct answers without an entry by category, lists them and counts answers per entry', async () => {
    const entry = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ title: '灵活就业人员医保参保', questions: ['打零工的怎么交医保'], answer: '到区医保窗口办理。', category: '劳动社保/医疗保险' });
    expect(entry.status).toBe(201);
    const a = await call('打零工的怎么交医保', '劳动社保/医疗保险');
    const b = await call('退休了医保怎么续', '劳动社保/医疗保险');
    const c = await call('公交卡丢了怎么补办', '交通运输/公交');
    const d = await call('地铁几点停运', '交通运输/公交');
    const open = await call('楼道灯坏了', '城市管理/路灯');
    await answer(a.id, '到区医保窗口办理。', entry.body.id);
    await answer(b.id, '退休人员医保由单位办理。');
    await answer(c.id, '到公交集团营业厅补办。');
    await answer(d.id, '末班车22点。');

    const res = await api.http().get('/api/knowledge/gaps').set(auth(operator));
    expect(res.status).toBe(200);
    const today = businessDate(new Date());
    expect(res.body).toMatchObject({ to: today, answered: 4, cited: 1, uncited: 3 });
    expect(res.body.categories).toEqual([
      { category: '交通运输/公交', answered: 2, cited: 0, uncited: 2, citedRate: 0 },
      { category: '劳动社保/医疗保险', answered: 2, cited: 1, uncited: 1, citedRate: 0.5 },
    ]);
    expect(res.body.recent.map((t: { number: string }) => t.number)).toEqual([d.number, c.number, b.number]);
    expect(res.body.recent[0]).toMatchObject({ category: '交通运输/公交', summary: '地铁几点停运' });
    expect(res.body.recent.map((t: { id: number }) => t.id)).not.toContain(open.id);
    expect(res.body.entries).toEqual([{ id: entry.body.id, title: '灵活就业人员医保参保', category: '劳动社保/医疗保险', unit: null, answers: 1 }]);

    const before = await api.http().get('/api/knowledge/gaps?from=2020-01-01&to=2020-01-31').set(auth(admin));
    expect(before.body).toMatchObject({ from: '2020-01-01', to: '2020-01-31', answered: 0, categories: [], recent: [], entries: [] });
  });

  it('refuses a bad period with the reason, and units', async () => {
    const bad = await api.http().get('/api/knowledge/gaps?from=2026-13-01').set(auth(operator));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from must be a date YYYY-MM-DD');
    const long = await api.http().get('/api/knowledge/gaps?from=2024-01-01&to=2025-12-31').set(auth(operator));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('统计区间最长 366 天');
    const u1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body.token;
    expect((await api.http().get('/api/knowledge/gaps').set(auth(u1))).status).toBe(403);
  });
});
