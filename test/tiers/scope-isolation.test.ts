import ExcelJS from 'exceljs';
import { ApiHarness, listRoutes, startApi } from '@hub/testing';
import { StatsService } from '../../apps/api/src/stats/stats.service';
import { DISTRICT, STREET, tieredConfigDir } from './tiered-config';

/**
 * Scoped desks (issue #21): the demo's district-operator and district-supervisor work 东湖区's
 * sub-tree. Every GET route the router knows is read by them before and after another district's
 * tickets arrive (dispatched, left in triage, answered directly, supervised): nothing they see
 * changes, while the unscoped desk's lists and figures do. Every route of another district's
 * ticket answers them 404.
 */
const MARK = '银杏巷';

type Snapshot = Map<string, string>;

/** Query strings for the routes that need one (the month of the ranking, the phone of the other district's caller). */
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const QUERY: Record<string, string> = {
  '/api/reports/ranking': `period=${month}`,
  '/api/callers/history': 'phone=13900139000',
};

describe('scoped desks on every route', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;
  let ids: Record<string, number>;
  let own: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** The body as text: JSON as given, a workbook as its cells (its zip carries the time it was written). */
  async function bodyText(res: { headers: Record<string, string>; body: unknown; text?: string }): Promise<string> {
    const type = res.headers['content-type'] ?? '';
    if (type.includes('spreadsheetml')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as Buffer);
      const cells: string[] = [];
      wb.eachSheet((s) => s.eachRow((r) => cells.push(JSON.stringify(r.values))));
      return `${wb.worksheets.map((s) => s.name).join('|')}\n${cells.join('\n')}`;
    }
    return type.includes('json') ? JSON.stringify(res.body) : (res.text ?? '');
  }

  /** Every GET route (an :id taken as the district's own ticket), as this user reads it. */
  async function snapshot(token: string): Promise<Snapshot> {
    const out: Snapshot = new Map();
    const routes = listRoutes(api.app).filter(([m, p]) => m === 'GET' && p.startsWith('/api/') && !p.startsWith('/api/docs') && !p.startsWith('/api/public/'));
    for (const [, path] of routes) {
      const url = path.replace(/:[a-zA-Z]+/g, String(own)) + (QUERY[path] ? `?${QUERY[path]}` : '');
      const res = await api
        .http()
        .get(url)
        .set(auth(token))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const raw = res.body as Buffer;
      const type = String(res.headers['content-type'] ?? '');
      const body = type.includes('json') ? JSON.parse(raw.toString('utf8') || 'null') : raw;
      out.set(`GET ${path}`, `${res.status} ${await bodyText({ headers: { 'content-type': type }, body, text: raw.toString('utf8') })}`);
    }
    return out;
  }

  /** Times and other values that move between two reads of the same data: masked before comparing. */
  const masked = (s: string) =>
    s
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
      // A workbook's 导出时间 (Beijing time, to the minute).
      .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/g, '<time>')
      .replace(/"(ms|tookMs|uptimeSeconds|generatedAt)":[^,}]+/g, '"$1":<n>');

  function changed(before: Snapshot, after: Snapshot): string[] {
    return [...after.keys()].filter((k) => masked(after.get(k)!) !== masked(before.get(k) ?? ''));
  }

  const refreshStats = () => {
    // The figures are re-read at most every 30 s; the test does not wait for that.
    (api.app.get(StatsService) as unknown as { lastRefresh: number }).lastRefresh = 0;
  };

  const orderBody = (ticketId: number) => ({
    ticketIds: [ticketId],
    level: 'supervise',
    reason: '超期未办',
    instructions: '请尽快处理并书面回复',
    dueAt: new Date(Date.now() + 86400_000).toISOString(),
  });

  async function intake(text: string): Promise<number> {
    const res = await api.http().post('/api/intake').set(auth(tokens.operator)).send({ text, name: '赵女士', phone: '13900139000' });
    expect(res.status).toBe(201);
    return res.body.id as number;
  }

  beforeAll(async () => {
    api = await startApi({ HUB_CONFIG_DIR: tieredConfigDir() });
    tokens = {};
    for (const u of ['operator', 'supervisor', 'district-operator', 'district-supervisor']) tokens[u] = await api.login(u);
    const units = (await api.http().get('/api/units').set(auth(tokens.operator))).body as Array<{ id: number; name: string }>;
    ids = Object.fromEntries(units.map((u) => [u.name, u.id]));
    const me = await api.http().get('/api/auth/me').set(auth(tokens['district-supervisor']));
    expect(me.body).toMatchObject({ role: 'supervisor', scopeUnitId: ids[DISTRICT] });
    expect(me.body.scope).toBeUndefined();
    // The district's own ticket, handed down to one of its street offices.
    own = await intake('东湖区桃园小区门口占道经营，影响通行');
    expect((await api.http().post(`/api/tickets/${own}/dispatch`).set(auth(tokens.operator)).send({ unitId: ids[STREET] })).status).toBe(200);
    refreshStats();
  });
  afterAll(async () => api?.close());

  it("sees its own district's ticket, in the list and in detail", async () => {
    for (const u of ['district-operator', 'district-supervisor']) {
      expect((await api.http().get(`/api/tickets/${own}`).set(auth(tokens[u]))).status).toBe(200);
      const list = await api.http().get('/api/tickets').set(auth(tokens[u]));
      expect(list.body.items.map((t: { id: number }) => t.id)).toContain(own);
    }
  });

  it("shows a district's desk no ticket, count or figure of another district on any route, and answers 404 on that ticket's routes", async () => {
    const scoped = ['district-operator', 'district-supervisor'];
    const before: Record<string, Snapshot> = {};
    for (const u of [...scoped, 'operator']) before[u] = await snapshot(tokens[u]);
    // Reading twice changes nothing (else the comparison below would prove nothing).
    expect(changed(before['district-supervisor'], await snapshot(tokens['district-supervisor']))).toEqual([]);

    // Another district's tickets: one dispatched and answered, one left in triage, one answered directly.
    const dispatched = await intake(`西岭区${MARK}小区路灯不亮，晚上出行不便`);
    expect((await api.http().post(`/api/tickets/${dispatched}/dispatch`).set(auth(tokens.operator)).send({ unitId: ids['西岭区城市管理局'] })).status).toBe(
      200,
    );
    const westUnit = await api
      .login('district') // 东湖区's unit user cannot act on it either
      .then((t) => api.http().post(`/api/tickets/${dispatched}/acknowledge`).set(auth(t)));
    expect(westUnit.status).toBe(404);
    const triage = await intake(`西岭区${MARK}菜市场噪声扰民`);
    const direct = await intake(`西岭区${MARK}社保卡补办需要什么材料`);
    const answered = await api.http().post(`/api/tickets/${direct}/direct-answer`).set(auth(tokens.operator)).send({ text: '携带身份证到社保窗口办理。' });
    expect(answered.status).toBe(200);
    const order = await api.http().post('/api/supervision-orders').set(auth(tokens.supervisor)).send(orderBody(dispatched));
    expect(order.status).toBe(201);
    refreshStats();

    for (const u of scoped) expect([u, changed(before[u], await snapshot(tokens[u]))]).toEqual([u, []]);
    // The same comparison sees them for the unscoped desk (lists, counts, figures).
    const seen = changed(before.operator, await snapshot(tokens.operator));
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /api/tickets',
        'GET /api/tickets/counts',
        'GET /api/reports/summary',
        'GET /api/reports/ranking',
        'GET /api/stats/timeliness',
        'GET /api/callers/history',
        'GET /api/supervision-orders',
        'GET /api/knowledge/gaps',
      ]),
    );

    const ticketRoutes = listRoutes(api.app).filter(([, p]) => p.startsWith('/api/tickets/:id'));
    expect(ticketRoutes.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const u of scoped) {
      for (const id of [dispatched, triage, direct]) {
        for (const [method, path] of ticketRoutes) {
          const url = path.replace(':id', String(id)).replace(/:[a-zA-Z]+/g, '1');
          const res = await api.http()[method.toLowerCase() as 'get'](url).set(auth(tokens[u])).send({
            reason: '不是我们的',
            outcome: 'resolved',
            text: 'x',
            days: 3,
            rating: '满意',
            unitId: ids[STREET],
            childUnitId: ids[STREET],
            targetTicketId: own,
          });
          if (res.status !== 404 || JSON.stringify(res.body).includes(MARK)) leaks.push(`${u} ${method} ${path} (#${id}) -> ${res.status}`);
        }
      }
      const order2 = await api.http().post('/api/supervision-orders').set(auth(tokens[u])).send(orderBody(dispatched));
      if (u === 'district-supervisor' && order2.status !== 404) leaks.push(`${u} POST /api/supervision-orders -> ${order2.status}`);
      const withdraw = await api.http().post(`/api/supervision-orders/${order.body.items[0].id}/withdraw`).set(auth(tokens[u])).send({ reason: '误发' });
      if (![403, 404].includes(withdraw.status)) leaks.push(`${u} POST /api/supervision-orders/:id/withdraw -> ${withdraw.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('lets a district desk dispatch only to units of its sub-tree', async () => {
    const res = await api.http().post(`/api/tickets/${own}/dispatch`).set(auth(tokens['district-operator'])).send({ unitId: ids['西岭区城市管理局'] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('下辖');
    const assisted = await api
      .http()
      .post(`/api/tickets/${own}/reassign`)
      .set(auth(tokens['district-operator']))
      .send({ unitId: ids[STREET], assistUnitIds: [ids['西岭区城市管理局']], reason: '改派' });
    expect(assisted.status).toBe(422);
    const detail = await api.http().get(`/api/tickets/${own}`).set(auth(tokens.operator));
    expect(detail.body.leadUnitId).toBe(ids[STREET]);
  });

  it("names another district's repeat merged into the district's ticket, or its text, only to a desk that may see it", async () => {
    // Another district's repeat merged into the district's ticket.
    const repeat = await intake(`西岭区${MARK}又一次反映占道经营`);
    expect((await api.http().post(`/api/tickets/${repeat}/merge`).set(auth(tokens.operator)).send({ targetTicketId: own })).status).toBe(200);
    // Another district's open ticket, which the district's desk may not merge into.
    const west = await intake(`西岭区${MARK}道路破损`);
    expect((await api.http().post(`/api/tickets/${west}/dispatch`).set(auth(tokens.operator)).send({ unitId: ids['西岭区城市管理局'] })).status).toBe(200);

    const all = await api.http().get(`/api/tickets/${own}`).set(auth(tokens.operator));
    expect(all.body.repeats.map((r: { id: number }) => r.id)).toContain(repeat);
    for (const u of ['district-operator', 'district-supervisor']) {
      const d = await api.http().get(`/api/tickets/${own}`).set(auth(tokens[u]));
      expect(d.status).toBe(200);
      expect(d.body.repeats).toEqual([]);
      expect(JSON.stringify(d.body)).not.toContain(MARK);
    }
    // Nor can the district's desk merge into that ticket.
    const into = await api.http().post(`/api/tickets/${own}/merge`).set(auth(tokens['district-operator'])).send({ targetTicketId: west });
    expect(into.status).toBe(404);
  });
});
