/**
 * #16 knowledge base through the API, on MariaDB (FULLTEXT) and SQLite (FTS5): the labelled
 * paraphrased questions find their entry in the top 3; units keep only their own entries; an
 * expired entry is never offered; 直接答复 from a suggested entry records entry and version and
 * counts it; the keeper is told once that an entry is about to expire.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fixedClock } from '@hub/domain';
import { NotifyExpiringKnowledgeUseCase, seedDemoKnowledge, readDemoKnowledge } from '@hub/knowledge';
import { KNOWLEDGE, openDatabase, OutgoingMailEntity, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { ApiHarness, startApi } from '@hub/testing';

const labelled = readFileSync(join(__dirname, '../../libs/knowledge/src/fixtures/knowledge-questions.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

describe.each([
  ['MariaDB', () => ({})],
  ['SQLite', () => ({ DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-kb-')), 'hub.sqlite')}` })],
])('knowledge base on %s', (_name, env) => {
  let api: ApiHarness;
  let operator: string;
  let admin: string;
  let unit1: string;
  let unit1Name: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const titleOf = new Map(readDemoKnowledge(join(__dirname, '../../config')).map((e) => [e.key, e.title]));

  beforeAll(async () => {
    api = await startApi(env());
    const ds = await openDatabase(api.config.env.database);
    try {
      expect(await seedDemoKnowledge(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), api.config, fixedClock(new Date()))).toBe(titleOf.size);
    } finally {
      await ds.destroy();
    }
    operator = await api.login('operator');
    admin = await api.login('admin');
    const u1 = (await api.http().post('/api/auth/login').send({ username: 'unit1', password: 'hub12345' })).body;
    [unit1, unit1Name] = [u1.token, u1.user.units[0].name];
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const search = async (q: string) => {
    const res = await api
      .http()
      .get(`/api/knowledge?q=${encodeURIComponent(q)}`)
      .set(auth(operator));
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: number; title: string; score: number; validTo: string | null }>;
  };

  it('refuses an entry whose unit the directory lacks, naming the body field (not a query parameter)', async () => {
    const entry = { title: '社区卫生服务中心周末开放时间', questions: ['社区医院周末几点开门'], answer: '周六、周日上午开放门诊。' };
    const badUnit = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ ...entry, unit: '不存在的单位' });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.message).toContain('字段 unit 无效');
  });

  it(`answers the ${labelled.length} labelled paraphrased questions with the right entry in the top 3`, async () => {
    let hits = 0;
    let first = 0;
    const misses: string[] = [];
    for (const [q, key] of labelled) {
      const top = (await search(q)).slice(0, 3).map((h) => h.title);
      if (top[0] === titleOf.get(key)) first++;
      if (top.includes(titleOf.get(key)!)) hits++;
      else misses.push(`${q} → ${titleOf.get(key)} (got ${top.join(', ') || 'nothing'})`);
    }
    console.log(`knowledge hit@3 through the API (${_name}): ${hits}/${labelled.length}; hit@1 ${first}/${labelled.length}\n${misses.join('\n')}`);
    expect(hits / labelled.length).toBeGreaterThanOrEqual(0.85);
  });

  it('lets a unit keep its own entries only, as drafts for an admin to publish', async () => {
    const entry = { title: '社区食堂就餐补贴', questions: ['社区老年食堂吃饭有补贴吗'], answer: '60周岁以上老人在社区食堂就餐每餐补贴2元。' };
    const own = await api.http().post('/api/knowledge').set(auth(unit1)).send(entry);
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ unit: unit1Name, status: 'draft', version: 1 });
    expect((await search('老年食堂吃饭补贴')).map((h) => h.id)).not.toContain(own.body.id);
    expect(
      (
        await api
          .http()
          .post('/api/knowledge')
          .set(auth(unit1))
          .send({ ...entry, unit: '市公安局' })
      ).status,
    ).toBe(403);
    expect(
      (
        await api
          .http()
          .put(`/api/knowledge/${own.body.id}`)
          .set(auth(unit1))
          .send({ ...entry, status: 'published' })
      ).status,
    ).toBe(422);
    expect((await api.http().post('/api/knowledge').set(auth(operator)).send(entry)).status).toBe(403);
    const published = await api
      .http()
      .put(`/api/knowledge/${own.body.id}`)
      .set(auth(admin))
      .send({ ...entry, status: 'published', version: 1 });
    expect(published.body).toMatchObject({ status: 'published', version: 2 });
    expect((await search('老年食堂吃饭补贴'))[0].id).toBe(own.body.id);
    const stale = await api
      .http()
      .put(`/api/knowledge/${own.body.id}`)
      .set(auth(admin))
      .send({ ...entry, version: 1 });
    expect(stale.status).toBe(409);
    const detail = await api.http().get(`/api/knowledge/entries/${own.body.id}`).set(auth(unit1));
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('never offers an expired entry', async () => {
    const e = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ title: '2025年度冬季供暖补贴', questions: ['冬季取暖补贴怎么领'], answer: '已于2025年底发放完毕。', validTo: '2025-12-31' });
    expect(e.status).toBe(201);
    expect((await search('冬季取暖补贴')).map((h) => h.id)).not.toContain(e.body.id);
  });

  it('answers a consultation call from a suggested entry, recording entry and version and counting it', async () => {
    const call = await api.http().post('/api/intake').set(auth(operator)).send({ text: '我是打零工的，想问问自己交医疗保险去哪办', phone: '13900001234' });
    const suggestions = await api.http().get(`/api/tickets/${call.body.id}/knowledge`).set(auth(operator));
    expect(suggestions.status).toBe(200);
    const best = suggestions.body.items[0];
    expect(best.title).toBe(titleOf.get('yb-flexible'));
    const done = await api.http().post(`/api/tickets/${call.body.id}/direct-answer`).set(auth(operator)).send({ text: best.answer, knowledgeId: best.id });
    expect(done.status).toBe(200);
    const ticket = await api.http().get(`/api/tickets/${call.body.id}`).set(auth(operator));
    expect(ticket.body.status).toBe('direct_answer');
    expect(ticket.body.events.find((e: { type: string }) => e.type === 'knowledge_cited').data).toMatchObject({ knowledgeId: best.id, version: 1 });
    const entry = await api.http().get(`/api/knowledge/entries/${best.id}`).set(auth(admin));
    expect(entry.body.answerCount).toBe(1);
    expect((await api.http().delete(`/api/knowledge/${best.id}`).set(auth(admin))).status).toBe(422);
  });

  it('answers from an entry given by its id alone, telling the requester the entry’s answer; a draft is refused in Chinese', async () => {
    const entry = {
      title: '社区卫生服务中心周末开放时间',
      questions: ['社区医院周末几点开门'],
      answer: '全市社区卫生服务中心周六、周日上午8:00-12:00开放门诊。',
    };
    const published = await api.http().post('/api/knowledge').set(auth(admin)).send(entry);
    const draft = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ ...entry, status: 'draft' });
    const call = await api.http().post('/api/intake').set(auth(operator)).send({ text: '请问社区医院周末开门吗', email: 'caller@example.org' });
    const refused = await api.http().post(`/api/tickets/${call.body.id}/direct-answer`).set(auth(operator)).send({ knowledgeId: draft.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^知识条目 \d+ 未发布或已过有效期/);
    const done = await api.http().post(`/api/tickets/${call.body.id}/direct-answer`).set(auth(operator)).send({ knowledgeId: published.body.id });
    expect(done.status).toBe(200);
    const ticket = await api.http().get(`/api/tickets/${call.body.id}`).set(auth(operator));
    expect(ticket.body.status).toBe('direct_answer');
    expect(JSON.stringify(ticket.body.events)).toContain(entry.answer);
    expect((await api.http().post(`/api/tickets/${call.body.id}/direct-answer`).set(auth(operator)).send({})).status).toBe(400);
  });

  it('keeps canned replies per category, edited by admins only, most specific first', async () => {
    const add = (token: string, body: object) => api.http().post('/api/canned-replies').set(auth(token)).send(body);
    expect((await add(admin, { kind: 'feedback', title: '通用办结', text: '您反映的问题已办理完毕。' })).status).toBe(200);
    expect((await add(admin, { kind: 'feedback', category: '城市管理', title: '城管办结', text: '执法人员已到场处理。' })).status).toBe(200);
    const exact = await add(admin, { kind: 'feedback', category: '城市管理/施工噪声', title: '噪声办结', text: '已责令施工单位停止夜间施工。' });
    expect((await add(unit1, { kind: 'feedback', title: '单位自拟', text: '已处理。' })).status).toBe(403);
    const list = await api
      .http()
      .get(`/api/canned-replies?kind=feedback&category=${encodeURIComponent('城市管理/施工噪声')}`)
      .set(auth(unit1));
    expect(list.body.items.map((r: { title: string }) => r.title)).toEqual(['噪声办结', '城管办结', '通用办结']);
    expect((await api.http().delete(`/api/canned-replies/${exact.body.id}`).set(auth(admin))).status).toBe(204);
  });

  it('tells the keeper once that an entry is about to expire', async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const e = await api
      .http()
      .post('/api/knowledge')
      .set(auth(admin))
      .send({ title: '临时交通管制', questions: ['马拉松那天哪些路封闭'], answer: '见交警公告。', unit: unit1Name, validTo: soon });
    expect(e.body.flag).toBe('即将到期');
    const ds = await openDatabase(api.config.env.database);
    try {
      const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
      const sweep = new NotifyExpiringKnowledgeUseCase(uow, fixedClock(new Date()), api.config);
      expect((await sweep.execute()).notified).toBe(1);
      expect((await sweep.execute()).notified).toBe(0);
      const mails = await ds.getRepository(OutgoingMailEntity).find();
      expect(mails.filter((m) => m.subject.includes('临时交通管制'))).toHaveLength(1);
      expect((await uow.read(KNOWLEDGE).findById(e.body.id))?.expiryNoticeAt).not.toBeNull();
    } finally {
      await ds.destroy();
    }
  });
});
