import { mkdtempSync, writeFileSync } from 'fs';
import * as iconv from 'iconv-lite';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildSummary, importHistoryFile, percent, rebuildDailyStats, renderSummaryMarkdown } from '@hub/reporting';
import { openReportingDb, ReportingDb } from './reporting-setup';

describe('work summary from imported history (SQLite)', () => {
  let r: ReportingDb;

  beforeAll(async () => {
    r = await openReportingDb(`sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-sqlite-')), 'hub.sqlite')}`);
  });
  afterAll(async () => r?.ds.destroy());

  it('imports the history idempotently and reports the same hotline figures as on MariaDB', async () => {
    const first = await importHistoryFile(r.uow, r.config, r.historyFile);
    expect(first).toMatchObject({ imported: r.good, rejected: 3 });
    expect(await importHistoryFile(r.uow, r.config, r.historyFile)).toMatchObject({ imported: 0, duplicates: r.good });
    const { report: s } = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31', channel: 'hotline' });
    expect(s.received).toMatchObject({ total: 421, bySource: { 省长公开电话: 6, 市长公开电话: 7, 区长公开电话: 408 } });
    expect(s.dispositions).toMatchObject({ directAnswer: 17, serviceProvided: 14, dispatched: 390 });
    expect(s.dispatched).toMatchObject({ closed: 384, replied: 390, acknowledgedOnTime: 387, repliedOnTime: 388 });
    expect([
      percent(s.previousPeriod.change as number),
      percent(s.rates.completionRate),
      percent(s.rates.feedbackRate),
      percent(s.rates.satisfactionRate),
    ]).toEqual(['5%', '98.5%', '100%', '98.6%']);
    const raw = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31', mode: 'raw' });
    const daily = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31' });
    expect(daily.report).toEqual(raw.report);
    expect(renderSummaryMarkdown(daily.report)).toContain('受理省长信箱15件、市长信箱53件');
  });

  it("gives the raw tickets' figures for a period cut mid-month after a full rebuild", async () => {
    expect(await rebuildDailyStats(r.uow)).toMatchObject({ full: true });
    const cut = { from: '2024-11-15', to: '2025-03-10', now: new Date('2026-01-10T00:00:00Z') };
    const daily = await buildSummary(r.uow, { ...cut, refresh: false });
    expect(daily.report.received.total).toBeGreaterThan(0);
    expect(daily).toEqual(await buildSummary(r.uow, { ...cut, mode: 'raw' }));
  });

  it("reads a history file saved as GBK (Windows 'ANSI') with its Chinese intact, creating no garbled source", async () => {
    const file = join(r.dir, 'history-gbk.jsonl');
    const lines = ['G-1', 'G-2'].map((id) =>
      JSON.stringify({
        id,
        source: '网上信访',
        channel: 'web',
        receivedAt: '2023-05-05T10:00:00+08:00',
        text: '反映小区噪声扰民',
        category: '城市管理/施工噪声',
        region: '东湖区',
        disposition: 'direct_answer',
        unit: null,
        rating: '满意',
      }),
    );
    writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
    expect(await importHistoryFile(r.uow, r.config, file)).toMatchObject({ imported: 2, rejected: 0, createdSources: [] });
    const { report } = await buildSummary(r.uow, { from: '2023-05-05', to: '2023-05-05' });
    expect(report.received.bySource).toEqual({ 网上信访: 2 });
    expect(report.topCategories).toEqual([{ category: '城市管理/施工噪声', count: 2 }]);
    expect(report.rates.satisfactionRate).toBe(1);
  });
});
