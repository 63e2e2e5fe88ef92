import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { openDatabase, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { importHistoryFile } from '@hub/reporting';
import { ApiHarness, startApi } from '@hub/testing';
import { historyJsonl, UNITS } from './history-fixture';

describe('statistics API', () => {
  let api: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    const ds = await openDatabase(api.config.env.database);
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'hub-stats-api-')), 'history.jsonl');
      writeFileSync(file, historyJsonl().text);
      await importHistoryFile(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), api.config, file);
    } finally {
      await ds.destroy();
    }
    admin = await api.login('admin');
  });
  afterAll(async () => api?.close());

  it('gives timeliness by unit with the total and a daily series', async () => {
    const res = await api.http().get('/api/stats/timeliness?from=2025-01-01&to=2025-12-31&groupBy=unit').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.total.received).toBe(489);
    expect(res.body.total.dispatched).toBe(458);
    expect(res.body.groups.map((g: { name: string }) => g.name).sort()).toEqual([...UNITS].sort());
    expect(res.body.daily).toHaveLength(365);
    expect(res.body.daily.reduce((n: number, d: { received: number }) => n + d.received, 0)).toBe(489);
    expect(res.body.definitions.join()).toContain('反馈率');
  });

  it("shows a unit user its own units' figures and never another unit's", async () => {
    const unit = await api.login('unit1'); // 市住房和城乡建设局
    const mine = await api.http().get('/api/stats/timeliness?from=2025-01-01&to=2025-12-31&groupBy=unit').set('Authorization', `Bearer ${unit}`);
    const all = await api.http().get('/api/stats/timeliness?from=2025-01-01&to=2025-12-31&groupBy=unit').set('Authorization', `Bearer ${admin}`);
    expect(mine.status).toBe(200);
    expect(mine.body.groups.map((g: { name: string }) => g.name)).toEqual(['市住房和城乡建设局']);
    const theirs = all.body.groups.find((g: { name: string }) => g.name === '市住房和城乡建设局');
    expect(mine.body.total.received).toBe(theirs.figures.received);
    const byRegion = await api.http().get('/api/stats/timeliness?from=2025-01-01&to=2025-12-31&groupBy=region').set('Authorization', `Bearer ${unit}`);
    expect(byRegion.body.groups.reduce((n: number, g: { figures: { received: number } }) => n + g.figures.received, 0)).toBe(theirs.figures.received);
    const summary = await api.http().get('/api/reports/summary?from=2025-01-01&to=2025-12-31').set('Authorization', `Bearer ${unit}`);
    expect(summary.body.received.total).toBe(theirs.figures.received);
  });

  it('downloads the summary as an xlsx workbook', async () => {
    const res = await api
      .http()
      .get('/api/reports/summary?from=2025-01-01&to=2025-12-31&format=xlsx')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    let total: unknown;
    wb.getWorksheet('汇总')!.eachRow((row) => {
      if (row.getCell(1).value === '受理总数') total = row.getCell(2).value;
    });
    expect(total).toBe(489);
  });

  it('refuses a malformed period with a clear message', async () => {
    const res = await api.http().get('/api/stats/timeliness?from=2025-02-30&to=2025-03-01').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('from must be a date');
    const farOut = await api.http().get('/api/stats/timeliness?from=0001-01-01&to=9999-12-31').set('Authorization', `Bearer ${admin}`);
    expect(farOut.status).toBe(400);
    expect(farOut.body.message).toBe('from must be a date between 1900 and 2999, got 0001-01-01');
  });

  it('ranks the units of a quarter (考核排名) as json and xlsx, for supervisors and not for units', async () => {
    const res = await api.http().get('/api/reports/ranking?period=2025-Q1').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ label: '2025年第1季度', from: '2025-01-01', to: '2025-03-31', set: 'preset:53号文' });
    expect(res.body.units.map((u: { name: string }) => u.name).sort()).toEqual([...UNITS].sort());
    const scores = res.body.units.map((u: { score: number }) => u.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body.units[0].rank).toBe(1);
    expect(res.body.definitions.join()).toContain('派单准确率 = 首次派单未被退回或改派的交办件 ÷ 交办件');
    const summary = await api.http().get('/api/reports/summary?from=2025-01-01&to=2025-12-31').set('Authorization', `Bearer ${admin}`);
    expect(summary.body.rates).toEqual(expect.objectContaining({ feedbackRate: expect.any(Number) }));
    for (const f of summary.body.configuredRates.rates) expect(f.value).toBe(summary.body.rates[f.key]);

    const xlsx = await api
      .http()
      .get('/api/reports/ranking?period=2025-03&format=xlsx')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核排名', '低于整体的指标', '指标口径']);
    expect(wb.getWorksheet('考核排名')!.getRow(1).getCell(1).value).toBe('承办单位考核排名（2025年3月，2025-03-01 至 2025-03-31）');

    const unit = await api.login('unit1');
    expect((await api.http().get('/api/reports/ranking?period=2025-Q1').set('Authorization', `Bearer ${unit}`)).status).toBe(403);
    const bad = await api.http().get('/api/reports/ranking?period=2025-13').set('Authorization', `Bearer ${admin}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period must be a month (2025-03) or a quarter (2025-Q1)');
  });
});
