import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ApiHarness, startApi } from '@hub/testing';

const PROVINCE = '青山省12345热线';
const LANSHAN = '蓝山市12345热线';
const BAISHI = '白石市12345热线';

/** The demo's configuration as a province installation: a province desk over the demo city 蓝山 and a second city 白石. */
function provinceConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cities-'));
  cpSync(resolve(__dirname, '../../config'), dir, { recursive: true });
  const units = readFileSync(join(dir, 'units.yaml'), 'utf8').replace(
    /^supervisors:/m,
    `  - name: ${PROVINCE}\n    kind: government\n    email: desk@province.example\nsupervisors:`,
  );
  writeFileSync(join(dir, 'units.yaml'), units);
  const cities = readFileSync(join(dir, 'cities.yaml'), 'utf8')
    .replace(/^# province: .*$/m, `province: ${PROVINCE}`)
    .concat(`  - name: ${BAISHI}\n    prefix: BS\n    email: desk@baishi.example\n`);
  writeFileSync(join(dir, 'cities.yaml'), cities);
  return dir;
}

/**
 * A province installation on MariaDB (issue #21): the province desk hands a ticket to a city, which
 * numbers it with its own prefix (the old number still finds it); the city's operator sees it in its
 * triage, the other city's does not; the statistics are per city and province-wide.
 */
describe('several cities in one installation', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let cities: Record<string, number>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const triage = async (token: string) =>
    ((await api.http().get('/api/tickets?view=triage&pageSize=200').set(auth(token))).body.items as Array<{ id: number }>).map((x) => x.id);

  beforeAll(async () => {
    api = await startApi({ HUB_CONFIG_DIR: provinceConfigDir() });
    t = {};
    for (const u of ['operator', 'ls-operator', 'bs-operator']) t[u] = await api.login(u);
    const list = await api.http().get('/api/cities').set(auth(t.operator));
    expect(list.status).toBe(200);
    expect(list.body.province).toBe(PROVINCE);
    expect(list.body.cities.map((c: { name: string; prefix: string }) => [c.name, c.prefix])).toEqual([
      [LANSHAN, 'LS'],
      [BAISHI, 'BS'],
    ]);
    cities = Object.fromEntries(list.body.cities.map((c: { name: string; unitId: number }) => [c.name, c.unitId]));
  });
  afterAll(async () => api?.close());

  it('hands a ticket from the province desk to 蓝山, which numbers it LS; only 蓝山’s desk and the province see it', async () => {
    const intake = await api
      .http()
      .post('/api/intake')
      .set(auth(t.operator))
      .send({ text: '松溪老街路灯不亮已有一周，夜间出行不便', name: '赵女士', phone: '13700137000' });
    expect(intake.status).toBe(201);
    const id = intake.body.id as number;
    const former = intake.body.number as string;
    expect(former).toMatch(/^QH\d{8}-\d{6}$/);
    for (const city of ['ls-operator', 'bs-operator']) expect((await api.http().get(`/api/tickets/${id}`).set(auth(t[city]))).status).toBe(404);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(t.operator))).body.handToCities).toEqual([LANSHAN, BAISHI]);

    const handed = await api.http().post(`/api/tickets/${id}/hand-to-city`).set(auth(t.operator)).send({ city: LANSHAN, reason: '属蓝山市松溪区事项' });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ cityUnitId: cities[LANSHAN], numberPrefix: 'LS', formerNumber: former, status: 'received' });
    const number = former.replace(/^QH/, 'LS');
    const detail = (await api.http().get(`/api/tickets/${id}`).set(auth(t.operator))).body;
    expect(detail).toMatchObject({ number, formerNumber: former, city: LANSHAN, handToCities: [] });
    expect(detail.events.at(-1)).toMatchObject({ type: 'handed_to_city', reason: '属蓝山市松溪区事项', data: { city: LANSHAN, number, formerNumber: former } });

    // 蓝山's desk finds it in its 待分拨; 白石's does not see it anywhere; the province desk still does.
    expect(await triage(t['ls-operator'])).toContain(id);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(t['ls-operator']))).body.number).toBe(number);
    expect(await triage(t['bs-operator'])).not.toContain(id);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(t['bs-operator']))).status).toBe(404);
    expect(await triage(t.operator)).toContain(id);

    // The lookup answers to the new number and to the old one.
    for (const q of [number, former, former.toLowerCase()]) {
      const found = await api
        .http()
        .get(`/api/tickets?q=${encodeURIComponent(q)}`)
        .set(auth(t['ls-operator']));
      expect([q, found.body.items.map((x: { id: number }) => x.id)]).toEqual([q, [id]]);
    }
    const pub = await api.http().get(`/api/public/tickets/${former}?code=${intake.body.lookupCode}`);
    expect([pub.status, pub.body.number]).toEqual([200, number]);

    // Once a city's, it is not handed on: not by the province (422), not by a city's desk (403).
    expect((await api.http().post(`/api/tickets/${id}/hand-to-city`).set(auth(t.operator)).send({ city: BAISHI })).status).toBe(422);
    expect((await api.http().post(`/api/tickets/${id}/hand-to-city`).set(auth(t['ls-operator'])).send({ city: BAISHI })).status).toBe(403);
    expect((await api.http().get(`/api/tickets/${id}`).set(auth(t['bs-operator']))).status).toBe(404);
  });

  it('numbers a request a channel files for 白石 with BS, in 白石’s triage only', async () => {
    const intake = await api.http().post('/api/intake').set(auth(t.operator)).send({ text: '白石市某小区电梯停运三天无人维修', city: BAISHI });
    expect(intake.status).toBe(201);
    expect(intake.body.number).toMatch(/^BS\d{8}-\d{6}$/);
    expect(await triage(t['bs-operator'])).toContain(intake.body.id);
    expect(await triage(t['ls-operator'])).not.toContain(intake.body.id);
    const refused = await api.http().post('/api/intake').set(auth(t.operator)).send({ text: '不存在的城市来信内容', city: '黑水市' });
    expect(refused.status).toBe(400);
  });

  it('counts per city and province-wide', async () => {
    await api.http().post('/api/intake').set(auth(t.operator)).send({ text: '省级平台直接受理的咨询事项' });
    const byCity = await api.http().get('/api/stats/timeliness?groupBy=city').set(auth(t.operator));
    expect(byCity.status).toBe(200);
    const received = Object.fromEntries(byCity.body.groups.map((g: { name: string; figures: { received: number } }) => [g.name, g.figures.received]));
    expect(received).toEqual({ [LANSHAN]: 1, [BAISHI]: 1, '本级（未转交地市）': 1 });
    expect(byCity.body.total.received).toBe(3);
    const lanshan = await api
      .http()
      .get(`/api/stats/timeliness?city=${encodeURIComponent(LANSHAN)}`)
      .set(auth(t.operator));
    expect([lanshan.status, lanshan.body.total.received]).toEqual([200, 1]);
    const summary = await api
      .http()
      .get(`/api/reports/summary?city=${encodeURIComponent(BAISHI)}`)
      .set(auth(t.operator));
    expect([summary.status, summary.body.received.total]).toEqual([200, 1]);
    expect((await api.http().get('/api/stats/timeliness?city=黑水市').set(auth(t.operator))).status).toBe(400);
  });
});
