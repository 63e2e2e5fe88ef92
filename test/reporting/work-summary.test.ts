import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { Between, IsNull, Not } from 'typeorm';
import { TicketEntity, TrainingExampleEntity, UnitEntity } from '@hub/database';
import {
  buildSummary,
  importHistoryFile,
  percent,
  queryStats,
  rebuildDailyStats,
  refreshDailyStats,
  renderSummaryMarkdown,
  renderSummaryXlsx,
} from '@hub/reporting';
import { createMysqlDatabase } from '@hub/testing';
import { openReportingDb, ReportingDb } from './reporting-setup';
import { UNITS } from './history-fixture';

describe('work summary from imported history (MariaDB)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let r: ReportingDb;
  let first: Awaited<ReturnType<typeof importHistoryFile>>;

  beforeAll(async () => {
    db = await createMysqlDatabase('hubreport');
    r = await openReportingDb(db.url);
    first = await importHistoryFile(r.uow, r.config, r.historyFile);
  });
  afterAll(async () => {
    await r?.ds.destroy();
    await db?.drop();
  });

  it('imports every good line and reports each bad line with its number and reason', async () => {
    expect(first).toMatchObject({ lines: r.good + 3, imported: r.good, duplicates: 0, rejected: 3 });
    const report = readFileSync(first.rejects as string, 'utf8');
    const rows = report.split(/\r\n/).slice(1).filter(Boolean);
    expect(rows.map((l) => Number(l.split(',')[0]))).toEqual(r.badLineNumbers);
    expect(report).toContain('receivedAt 不是有效时间');
    expect(report).toContain('不是有效的 JSON');
    expect(report).toContain('未知承办单位 不存在的局');
    const tickets = await r.ds.getRepository(TicketEntity).countBy({ imported: true });
    expect(tickets).toBe(r.good);
    // Past dispatched tickets teach the router: one example per dispatched or directly answered ticket.
    const examples = await r.ds.getRepository(TrainingExampleEntity).countBy({ origin: 'history' });
    expect(examples).toBe(r.good);
  });

  it('changes nothing when the same file is imported again, and says how many were already there', async () => {
    const again = await importHistoryFile(r.uow, r.config, r.historyFile);
    expect(again).toMatchObject({ imported: 0, duplicates: r.good, rejected: 3 });
    expect(await r.ds.getRepository(TicketEntity).count()).toBe(r.good);
  });

  it("reports the hotline figures of the district's work summary exactly", async () => {
    const { report: s } = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31', channel: 'hotline' });
    expect(s.received.total).toBe(421);
    expect(s.received.bySource).toEqual({ 省长公开电话: 6, 市长公开电话: 7, 区长公开电话: 408 });
    expect(s.previousPeriod.total).toBe(401);
    expect(percent(s.previousPeriod.change as number)).toBe('5%');
    expect(s.dispositions).toEqual({ directAnswer: 17, serviceProvided: 14, dispatched: 390, invalid: 0, merged: 0 });
    expect(s.dispatched).toMatchObject({ total: 390, replied: 390, closed: 384, acknowledgedOnTime: 387, repliedOnTime: 388 });
    expect(percent(s.rates.completionRate)).toBe('98.5%');
    expect(percent(s.rates.feedbackRate)).toBe('100%');
    expect(percent(s.rates.satisfactionRate)).toBe('98.6%');
    expect(s.rates.responseRate).toBeCloseTo(387 / 390, 4);
    expect(s.rates.onTimeRate).toBeCloseTo(388 / 390, 4);
    expect(s.rates.resolutionRate).toBeCloseTo(380 / 390, 4);
    expect(s.definitions.join('\n')).toContain('满意率 =（满意 + 基本满意）÷ 已回访评价件');
  });

  it('counts the mailboxes and the whole year, with the same figures from the daily totals as from the raw tickets', async () => {
    const { report: s } = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31' });
    expect(s.received.bySource).toMatchObject({ 省长信箱: 15, 市长信箱: 53 });
    expect(s.received.byChannel).toEqual({ hotline: 421, mailbox: 68, web: 0 });
    expect(s.received.total).toBe(489);
    expect(s.previousPeriod.total).toBe(465);
    expect(s.topCategories[0].count).toBeGreaterThan(s.topCategories[s.topCategories.length - 1].count - 1);
    const raw = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31', mode: 'raw' });
    expect(raw.report).toEqual(s);
  });

  it('counts a ticket by its Beijing calendar day: 00:30 on 1 January belongs to the new year', async () => {
    const day = await queryStats(r.uow, { from: '2025-01-01', to: '2025-01-01', channel: 'hotline' });
    expect(day.total.received).toBe(1);
    const eve = await queryStats(r.uow, { from: '2024-12-31', to: '2024-12-31', channel: 'hotline' });
    expect(eve.total.received).toBe(1);
  });

  it('renders the hotline paragraph an office pastes into its 工作总结, with the definitions', async () => {
    const { report: s } = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31' });
    const md = renderSummaryMarkdown(s);
    expect(md).toContain(
      '受理热线电话421件，同比增加5%，其中省长公开电话6件、市长公开电话7件、区长公开电话408件。' +
        '直接答复17件，提供服务14件，电话交办390件，其中办结384件。反馈率100%，办结率98.5%，满意率98.6%。',
    );
    expect(md).toContain('受理省长信箱15件、市长信箱53件，共68件');
    expect(md).toContain('口径说明');
    expect(md).toContain('办结率 = 已办结归档的交办件 ÷ 交办件');
  });

  it('writes an xlsx that opens with the same figures, one sheet per breakdown', async () => {
    const { report: s, breakdowns } = await buildSummary(r.uow, { from: '2025-01-01', to: '2025-12-31' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderSummaryXlsx(s, breakdowns)) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按承办单位', '按类别', '按区域', '按来源', '口径说明']);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('受理总数')).toBe(489);
    expect(summary.get('区长公开电话')).toBe(408);
    expect(summary.get('市长信箱')).toBe(53);
    expect(summary.get('交办')).toBe(390 + 68);
    expect(summary.get('满意率')).toBe(s.rates.satisfactionRate);
    const bySource = new Map<string, unknown>();
    wb.getWorksheet('按来源')!.eachRow((row) => bySource.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(bySource.get('省长公开电话')).toBe(6);
    expect(bySource.get('省长信箱')).toBe(15);
    let unitsTotal = 0;
    wb.getWorksheet('按承办单位')!.eachRow((row, n) => {
      if (n > 1) unitsTotal += Number(row.getCell(2).value);
    });
    expect(unitsTotal).toBe(390 + 68);
  });

  it('scopes figures to a unit: its tickets only, in every breakdown', async () => {
    const unit = await r.ds.getRepository(UnitEntity).findOneByOrFail({ name: UNITS[0] });
    const all = await queryStats(r.uow, { from: '2025-01-01', to: '2025-12-31', groupBy: 'unit' });
    const mine = all.groups.find((g) => g.key === String(unit.id))!;
    const scoped = await queryStats(r.uow, { from: '2025-01-01', to: '2025-12-31', unitIds: [unit.id], groupBy: 'category' });
    expect(scoped.total.received).toBe(mine.figures.received);
    expect(scoped.groups.reduce((n, g) => n + g.figures.received, 0)).toBe(mine.figures.received);
    const byUnit = await queryStats(r.uow, { from: '2025-01-01', to: '2025-12-31', unitIds: [unit.id], groupBy: 'unit' });
    expect(byUnit.groups.map((g) => g.name)).toEqual([UNITS[0]]);
  });

  it('picks up a change to a ticket at the next refresh', async () => {
    const repo = r.ds.getRepository(TicketEntity);
    const t = await repo.findOneOrFail({ where: { channel: 'hotline', disposition: 'dispatched', status: 'replied', imported: true } });
    const before = (await queryStats(r.uow, { from: '2025-01-01', to: '2025-12-31', channel: 'hotline' })).total.closed;
    await repo.update(t.id, { status: 'closed', closedAt: new Date() });
    const refreshed = await refreshDailyStats(r.uow);
    expect(refreshed.days).toBeGreaterThan(0);
    const after = (await queryStats(r.uow, { from: '2025-01-01', to: '2025-12-31', channel: 'hotline' })).total.closed;
    expect(after).toBe(before + 1);
  });

  it("gives the raw tickets' figures for a period cut mid-month, in every breakdown, after full rebuilds and after a refresh", async () => {
    const now = new Date('2026-01-10T00:00:00Z');
    const period = { from: '2024-11-15', to: '2025-03-10', now };
    const compare = async () => {
      for (const groupBy of [null, 'unit', 'category', 'region', 'source', 'channel', 'day'] as const) {
        const daily = await queryStats(r.uow, { ...period, groupBy });
        const raw = await queryStats(r.uow, { ...period, groupBy, mode: 'raw' });
        expect({ groupBy, ...daily }).toEqual({ groupBy, ...raw });
      }
      const scoped = { ...period, unitIds: [(await r.ds.getRepository(UnitEntity).findOneByOrFail({ name: UNITS[0] })).id], groupBy: 'category' as const };
      expect(await queryStats(r.uow, scoped)).toEqual(await queryStats(r.uow, { ...scoped, mode: 'raw' }));
    };
    // The nightly rebuild and another one may meet: both finish, one after the other.
    const both = await Promise.all([rebuildDailyStats(r.uow), rebuildDailyStats(r.uow)]);
    expect(both.map((b) => b.full)).toEqual([true, true]);
    const before = (await queryStats(r.uow, period)).total;
    expect(before.received).toBeGreaterThan(0);
    await compare();
    const repo = r.ds.getRepository(TicketEntity);
    const inPeriod = { disposition: 'dispatched' as const, receivedAt: Between(new Date('2024-12-01'), new Date('2025-02-28')) };
    const t = await repo.findOneOrFail({
      where: [
        { ...inPeriod, rating: IsNull() },
        { ...inPeriod, rating: Not('不满意') },
      ],
    });
    await repo.update(t.id, { rating: '不满意' });
    await refreshDailyStats(r.uow);
    expect((await queryStats(r.uow, period)).total.unsatisfied).toBe(before.unsatisfied + 1);
    await compare();
  });

  it('keeps the rejects report beside the data', () => {
    expect(first.rejects?.startsWith(join(r.dir, 'rejects'))).toBe(true);
  });
});
