import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rateSetOf } from '@hub/config';
import ExcelJS from 'exceljs';
import { buildSummary, importHistoryFile, rankUnits, renderSummaryMarkdown, renderSummaryXlsx } from '@hub/reporting';
import { createMysqlDatabase } from '@hub/testing';
import { openReportingDb, ReportingDb } from './reporting-setup';

/**
 * A month counted by hand (June 2022). 市住房和城乡建设局 leads A1–A5, 市生态环境局 B1–B3, D1 is
 * answered directly; all replied and closed. The citizens' survey answers (联系 / 解决 / 评价):
 *   A1 是 是 满意 · A2 是 否 基本满意 · A3 否 否 不满意 · A4 是 否 满意 · A5 not answered
 *   B1 是 是 满意 · B2 否 否 基本满意 · B3 none · D1 是 是 满意
 * Beijing preset, all tickets: 7 answers; 响应率 5/7, 解决率 3/7, 满意率 6/7.
 *   住建局: 4 answers; 3/4, 1/4, 3/4 → score (0.1×0.75 + 0.45×0.25 + 0.45×0.75) = 52.5
 *   生态环境局: 2 answers; 1/2, 1/2, 2/2 → score (0.1×0.5 + 0.45×0.5 + 0.45×1) = 72.5 (first)
 * A3 was first sent to 生态环境局, which returned it: 派单准确率 7/8 overall, 4/5 for 住建局.
 * R1 repeats B1 (merged into it): 重复件率 1/8 overall, 1/3 for 生态环境局.
 */
const HOUSING = '市住房和城乡建设局';
const ECOLOGY = '市生态环境局';
const ANSWERS: Record<string, [string, string, string] | null> = {
  A1: ['是', '是', '满意'],
  A2: ['是', '否', '基本满意'],
  A3: ['否', '否', '不满意'],
  A4: ['是', '否', '满意'],
  A5: null,
  B1: ['是', '是', '满意'],
  B2: ['否', '否', '基本满意'],
  D1: ['是', '是', '满意'],
};

function line(id: string, day: number, unit: string | null, rating: string | null) {
  const at = (d: number, h: number) => `2022-06-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+08:00`;
  return JSON.stringify({
    id,
    source: '市长公开电话',
    channel: 'hotline',
    receivedAt: at(day, 9),
    text: `反映小区问题 ${id}`,
    category: null,
    region: '东湖区',
    disposition: unit ? 'dispatched' : id === 'R1' ? 'invalid' : 'direct_answer',
    unit,
    acknowledgedAt: unit ? at(day, 10) : null,
    repliedAt: unit ? at(day + 2, 10) : null,
    closedAt: unit ? at(day + 3, 10) : null,
    replyDueAt: unit ? at(day + 5, 18) : null,
    outcome: unit ? 'resolved' : null,
    rating,
  });
}

async function seed(r: ReportingDb): Promise<void> {
  const lines = [
    ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id, i) => line(id, 2 + i, HOUSING, ANSWERS[id]?.[2] ?? null)),
    ...['B1', 'B2', 'B3'].map((id, i) => line(id, 10 + i, ECOLOGY, ANSWERS[id]?.[2] ?? null)),
    line('D1', 15, null, '满意'),
    line('R1', 16, null, null),
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'hub-rates-')), 'june.jsonl');
  writeFileSync(file, lines.join('\n') + '\n', 'utf8');
  expect(await importHistoryFile(r.uow, r.config, file)).toMatchObject({ imported: 10, rejected: 0 });
  const ids = new Map<string, number>();
  for (const t of (await r.ds.query(`SELECT id, externalId FROM tickets WHERE externalId IN ('A1','A2','A3','A4','A5','B1','B2','B3','D1','R1')`)) as Array<{
    id: number;
    externalId: string;
  }>)
    ids.set(t.externalId, Number(t.id));
  const units = new Map<string, number>();
  for (const u of (await r.ds.query('SELECT id, name FROM units')) as Array<{ id: number; name: string }>) units.set(u.name, Number(u.id));
  // Stored as UTC text in both dialects' datetime columns.
  const when = '2022-06-20 02:00:00.000';
  let n = 0;
  for (const [ext, a] of Object.entries(ANSWERS)) {
    n++;
    await r.ds.query(
      'INSERT INTO survey_links (ticketId, tokenHash, expiresAt, answeredAt, contacted, resolved, rating, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [ids.get(ext), String(n).padStart(64, '0'), '2022-07-30 00:00:00.000', a ? when : null, a?.[0] ?? null, a?.[1] ?? null, a?.[2] ?? null, when],
    );
  }
  // A3 went first to 生态环境局, which returned it (not its duty).
  await r.ds.query(
    `INSERT INTO assignments (ticketId, unitId, role, status, dispatchedAt, returnedAt, returnReason, extensionCount, createdAt, updatedAt) VALUES (?, ?, 'lead', 'returned', ?, ?, '非本单位职责', 0, ?, ?)`,
    [ids.get('A3'), units.get(ECOLOGY), when, when, when, when],
  );
  // R1 is a repeat call merged into B1.
  await r.ds.query(`UPDATE tickets SET disposition = 'merged', mergedIntoId = ? WHERE id = ?`, [ids.get('B1'), ids.get('R1')]);
}

describe.each([
  ['MariaDB', 'mysql'],
  ['SQLite', 'sqlite'],
])('configured rates and unit ranking (%s)', (_name, kind) => {
  let db: { url: string; drop: () => Promise<void> } | null = null;
  let r: ReportingDb;

  beforeAll(async () => {
    db = kind === 'mysql' ? await createMysqlDatabase('hubrates') : null;
    r = await openReportingDb(db ? db.url : `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-rates-')), 'hub.sqlite')}`);
    await seed(r);
  });
  afterAll(async () => {
    await r?.ds.destroy();
    await db?.drop();
  });

  const beijing = rateSetOf({ preset: 'beijing' });

  it("computes the Beijing preset's three rates from the citizens' answers, each with its definition", async () => {
    const { report } = await buildSummary(r.uow, { from: '2022-06-01', to: '2022-06-30', rateSet: beijing, mode: 'raw' });
    const c = report.configuredRates;
    expect(c.set).toBe('preset:beijing');
    expect(c.rates.map((x) => [x.label, x.numerator, x.denominator, x.value])).toEqual([
      ['响应率', 5, 7, 0.7143],
      ['解决率', 3, 7, 0.4286],
      ['满意率', 6, 7, 0.8571],
    ]);
    expect(c.rates[0].definition).toBe('响应率 = 诉求人答复“承办单位已联系”的件 ÷ 诉求人已作答回访的交办件');
    expect(c.quality.map((x) => [x.label, x.numerator, x.denominator])).toEqual([
      ['派单准确率', 7, 8],
      ['重复件率', 1, 8],
    ]);
    // The documented 三率 stay as they were, beside the configured set.
    expect(report.rates).toMatchObject({ feedbackRate: 1, completionRate: 1 });
  });

  it('prints each configured figure beside its definition in the md and xlsx summary', async () => {
    const { report, breakdowns } = await buildSummary(r.uow, { from: '2022-06-01', to: '2022-06-30', rateSet: beijing, mode: 'raw' });
    const md = renderSummaryMarkdown(report);
    expect(md).toContain('按接诉即办考核口径：响应率71.4%（5/7），解决率42.9%（3/7），满意率85.7%（6/7），派单准确率87.5%（7/8），重复件率12.5%（1/8）');
    expect(md).toContain('> - 解决率 = 诉求人答复“问题已解决”的件 ÷ 诉求人已作答回访的交办件');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await renderSummaryXlsx(report, breakdowns));
    const notes: string[] = [];
    wb.getWorksheet('口径说明')!.eachRow((row) => notes.push(String(row.getCell(1).value)));
    expect(notes).toContain('满意率 85.7%（6/7）：满意率 = 诉求人回访评价为满意或基本满意的件 ÷ 诉求人已作答回访的交办件');
  });

  it('keeps the 53号文 三率 as the default configured set, equal to the fixed rates', async () => {
    const { report } = await buildSummary(r.uow, { from: '2022-06-01', to: '2022-06-30', mode: 'raw' });
    expect(report.configuredRates.set).toBe('preset:53号文');
    for (const f of report.configuredRates.rates) expect([f.key, f.value]).toEqual([f.key, report.rates[f.key as keyof typeof report.rates]]);
  });

  it('ranks the units by the weighted score of the month and of the quarter, with the tickets behind a low figure', async () => {
    for (const period of ['2022-06', '2022-Q2']) {
      const ranking = await rankUnits(r.uow, { period, rateSet: beijing });
      expect(ranking.units.map((u) => [u.rank, u.name, u.score])).toEqual([
        [1, ECOLOGY, 72.5],
        [2, HOUSING, 52.5],
      ]);
    }
    const june = await rankUnits(r.uow, { period: '2022-06', rateSet: beijing });
    expect(june.label).toBe('2022年6月');
    const housing = june.units[1];
    expect(housing.quality.map((x) => [x.label, x.numerator, x.denominator])).toEqual([
      ['派单准确率', 4, 5],
      ['重复件率', 0, 5],
    ]);
    // 解决率 1/4 is under the 3/7 of all tickets: A2, A3, A4 said not solved.
    const low = housing.low.find((l) => l.label === '解决率');
    expect(low?.tickets.map((t) => t.externalId)).toEqual(['A2', 'A3', 'A4']);
    expect(housing.low.find((l) => l.label === '派单准确率')?.tickets.map((t) => t.externalId)).toEqual(['A3']);
    expect(housing.low.find((l) => l.label === '派单准确率')?.tickets[0]).toMatchObject({
      number: expect.stringMatching(/^20220604-\d{6}$/),
      statusText: '已办结',
    });
    const ecology = june.units[0];
    expect(ecology.quality.find((x) => x.label === '重复件率')).toMatchObject({ numerator: 1, denominator: 3 });
    // Lower is better: the tickets behind a high 重复件率 are those repeated.
    expect(ecology.low.find((l) => l.label === '重复件率')?.tickets.map((t) => t.externalId)).toEqual(['B1']);
  });
});
