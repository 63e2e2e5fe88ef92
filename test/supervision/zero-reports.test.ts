/**
 * 零报告 on MariaDB and on SQLite, through the API: for the week of 2 to 8 March 2026 (Monday to
 * Sunday, Beijing time) a unit to which nothing was dispatched confirms, a unit with a ticket is
 * refused, the office's list has the units counted here by hand, and the workbook lists the
 * missing ones.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { ensureSource, openDatabase, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Clock, previousZeroReportPeriod, zeroReportPeriodAt } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases } from '@hub/tickets';
import { ApiHarness, createTicket, startApi } from '@hub/testing';

const sh = (beijing: string) => new Date(`${beijing.replace(' ', 'T')}:00+08:00`);
const operator = { kind: 'user' as const, id: 1, name: '话务员' };
type Line = { unit: string; status: string; statusText: string; dispatched: number; confirmedBy: string | null; confirmedAt: string | null };

describe.each([['MariaDB'], ['SQLite']])('零报告 on %s', (dialect) => {
  let api: ApiHarness;
  let ds: DataSource;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const unitId: Record<string, number> = {};

  beforeAll(async () => {
    api = await startApi(dialect === 'SQLite' ? { DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-zero-')), 'hub.sqlite')}` } : {});
    for (const who of ['supervisor', 'unit1', 'unit2', 'district', 'admin']) tokens[who] = await api.login(who);
    ds = await openDatabase(api.config.env.database);
    for (const u of await ds.getRepository(UnitEntity).find()) unitId[u.name] = u.id;

    // Dispatched at these Beijing times, with the clock set to each.
    let at = new Date(0);
    const clock: Clock = { now: () => new Date(at.getTime()) };
    const actions = buildTicketUseCases({
      uow: new TypeOrmUnitOfWork(ds, new RecordingJobProducer()),
      config: api.config,
      planner: loadDeadlinePolicies(api.config),
      clock,
    });
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const dispatch = async (when: string, lead: string, assist: string[] = []) => {
      at = sh(when);
      const t = await ds.transaction((m) => createTicket(m, { sourceId: source.id, channel: 'hotline', text: `来电反映问题（${when}）`, receivedAt: at }));
      await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unitId[lead], assistUnitIds: assist.map((n) => unitId[n]), actor: operator });
    };
    await dispatch('2026-03-01 23:59', '市生态环境局'); // the Sunday before the week
    await dispatch('2026-03-04 10:00', '市住房和城乡建设局');
    await dispatch('2026-03-08 23:59', '东湖区人民政府', ['东湖区城市管理局']); // its last minute, one assisting
    await dispatch('2026-03-09 00:00', '市生态环境局'); // the Monday after
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await api?.close();
  });

  const confirm = (who: string, body: object) => api.http().post('/api/zero-reports').set(auth(who)).send(body);

  it('lets a unit with nothing dispatched in the week confirm once, and refuses one that had a ticket', async () => {
    const first = await confirm('unit2', { period: '2026-W10' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ unit: '市生态环境局', period: '2026-W10', status: 'confirmed', confirmedBy: '市生态环境局 承办人', created: true });
    const again = await confirm('unit2', { period: '2026-W10' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, confirmedAt: first.body.confirmedAt });
    // Its ticket of Monday 9 March 00:00 belongs to the next week.
    expect((await confirm('unit2', { period: '2026-W11' })).body.message).toBe('2026年第11周（3月9日至3月15日）已向市生态环境局派发 1 件工单，不能确认零报告');

    const refused = await confirm('unit1', { period: '2026-W10' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('2026年第10周（3月2日至3月8日）已向市住房和城乡建设局派发 1 件工单，不能确认零报告');
    // An assisting unit had a ticket too; a user of several units names the unit.
    expect((await confirm('district', { period: '2026-W10' })).status).toBe(400);
    expect((await confirm('district', { period: '2026-W10', unitId: unitId['东湖区城市管理局'] })).status).toBe(422);

    // Another unit's report is not there for a unit user; the office does not confirm; no future weeks.
    expect((await confirm('unit1', { period: '2026-W10', unitId: unitId['市水务集团'] })).status).toBe(404);
    expect((await confirm('supervisor', { period: '2026-W10', unitId: unitId['市水务集团'] })).status).toBe(403);
    expect((await confirm('unit2', { period: '2999-W01' })).status).toBe(400);
    expect((await confirm('unit2', { period: '2026-03' })).body.message).toBe('period 应为周（如 2026-W10），收到 "2026-03"');
  });

  it('lists the week for the office: 3 units with tickets, 1 confirmed, the other 34 of the 38 missing (31 青禾市 units, 蓝山市 desk and its 6 units)', async () => {
    expect((await api.http().get('/api/zero-reports?period=2026-W10').set(auth('unit1'))).status).toBe(403);
    const res = await api.http().get('/api/zero-reports?period=2026-W10').set(auth('supervisor'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { key: '2026-W10', from: '2026-03-02', to: '2026-03-08' }, state: 'closed' });
    expect(res.body.counts).toEqual({ units: 38, withTickets: 3, confirmed: 1, missing: 34 });
    const lines = res.body.units as Line[];
    const by = (status: string) => lines.filter((l) => l.status === status).map((l) => [l.unit, l.dispatched]);
    expect(by('tickets')).toEqual([
      ['市住房和城乡建设局', 1],
      ['东湖区人民政府', 1],
      ['东湖区城市管理局', 1],
    ]);
    expect(lines.filter((l) => l.status === 'confirmed')).toEqual([
      expect.objectContaining({ unit: '市生态环境局', statusText: '已确认零报告', confirmedBy: '市生态环境局 承办人' }),
    ]);
    const missing = lines.filter((l) => l.status === 'missing').map((l) => l.unit);
    const expected = api.config.units.units
      .map((u) => u.name)
      .filter((n) => !['市住房和城乡建设局', '东湖区人民政府', '东湖区城市管理局', '市生态环境局'].includes(n));
    expect(missing).toEqual(expected);
    expect(missing).toContain('市水务集团');
  });

  it('exports the missing units as a workbook', async () => {
    const xlsx = await api
      .http()
      .get('/api/zero-reports?period=2026-W10&format=xlsx')
      .set(auth('supervisor'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('零报告未确认名单_2026-W10'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Buffer);
    const sheet = wb.getWorksheet('未确认名单')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('零报告未确认单位名单（2026年第10周（3月2日至3月8日））');
    expect(sheet.getRow(3).values).toEqual([undefined, '序号', '承办单位', '周期', '起始日期', '截止日期']);
    const listed: string[] = [];
    sheet.eachRow((row, n) => n > 3 && listed.push(String(row.getCell(2).value)));
    expect(listed).toHaveLength(34);
    expect(listed).toContain('市水务集团');
    expect(listed).not.toContain('市生态环境局');
    expect(listed).not.toContain('市住房和城乡建设局');
    expect(sheet.getRow(4).values).toEqual([undefined, 1, listed[0], '2026-W10', '2026-03-02', '2026-03-08']);
  });

  it("shows a unit user its units' last and current week", async () => {
    const res = await api.http().get('/api/zero-reports/mine').set(auth('district'));
    expect(res.status).toBe(200);
    const current = zeroReportPeriodAt('week', new Date());
    expect(res.body.periods.map((p: { period: { key: string }; state: string }) => [p.period.key, p.state])).toEqual([
      [previousZeroReportPeriod(current).key, 'closed'],
      [current.key, 'current'],
    ]);
    expect(res.body.periods[1].units.map((l: Line) => [l.unit, l.status])).toEqual([
      ['东湖区人民政府', 'missing'],
      ['东湖区城市管理局', 'missing'],
    ]);
    expect((await api.http().get('/api/zero-reports/mine').set(auth('supervisor'))).status).toBe(403);
  });
});
