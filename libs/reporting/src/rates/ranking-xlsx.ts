import ExcelJS from 'exceljs';
import { formatBusinessTime } from '@hub/domain';
import type { UnitRanking } from './unit-ranking';

/** 考核排名 as a workbook: the ranking with every figure, the tickets behind the low ones, and the definitions. */
export async function renderRankingXlsx(r: UnitRanking): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 intake hub';
  const figures = [...r.overall.rates, ...r.overall.quality];
  const sheet = wb.addWorksheet('考核排名');
  sheet.addRow([`承办单位考核排名（${r.label}，${r.from} 至 ${r.to}）`]);
  sheet.addRow([]);
  sheet.addRow(['名次', '承办单位', '考核得分', ...figures.map((f) => f.label)]).font = { bold: true };
  for (const u of r.units) {
    const mine = [...u.rates, ...u.quality];
    sheet.addRow([u.rank ?? '—', u.name, u.score ?? '—', ...figures.map((f) => mine.find((m) => m.key === f.key)?.value ?? 0)]);
  }
  sheet.addRow(['', '全部单位', r.overall.score ?? '—', ...figures.map((f) => f.value)]).font = { bold: true };
  sheet.getColumn(2).width = 28;
  figures.forEach((_, i) => (sheet.getColumn(4 + i).numFmt = '0.0%'));

  const low = wb.addWorksheet('低于整体的指标');
  low.addRow(['承办单位', '指标', '本单位', '全部单位', '工单编号', '来件编号', '事项', '受理时间', '状态']).font = { bold: true };
  for (const u of r.units)
    for (const l of u.low)
      for (const t of l.tickets)
        low.addRow([u.name, l.label, l.value, l.overall, t.number, t.externalId ?? '', t.subject ?? '', formatBusinessTime(t.receivedAt), t.statusText]);
  [28, 12, 10, 10, 22, 16, 40, 18, 10].forEach((w, i) => (low.getColumn(i + 1).width = w));
  low.getColumn(3).numFmt = '0.0%';
  low.getColumn(4).numFmt = '0.0%';

  const defs = wb.addWorksheet('指标口径');
  defs.addRow([`指标集：${r.set}`]);
  for (const d of r.definitions) defs.addRow([d]);
  defs.getColumn(1).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
