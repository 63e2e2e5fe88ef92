import ExcelJS from 'exceljs';
import { CHANNEL_LABELS } from '@hub/domain';
import { Figures, percent, RATE_LABELS, Rates } from './figures';
import { orderedSources } from './summary-markdown';
import type { SummaryBreakdowns, SummaryReport } from './summary-report';

/** The report writes the hotline out in full. */
const CHANNEL_NAMES: Record<string, string> = { ...CHANNEL_LABELS, hotline: '热线电话' };

/** Columns of every breakdown sheet: [header, value]; rates as fractions formatted as percent. */
const COLUMNS: Array<[string, (f: Figures) => number | null, 'int' | 'pct' | 'num']> = [
  ['受理', (f) => f.received, 'int'],
  ['直接答复', (f) => f.directAnswer, 'int'],
  ['提供服务', (f) => f.serviceProvided, 'int'],
  ['交办', (f) => f.dispatched, 'int'],
  ['按时签收', (f) => f.acknowledgedOnTime, 'int'],
  ['已反馈', (f) => f.replied, 'int'],
  ['按期反馈', (f) => f.repliedOnTime, 'int'],
  ['已办结', (f) => f.closed, 'int'],
  ['当前超期', (f) => f.overdueNow, 'int'],
  ['累计超期', (f) => f.overdueEver, 'int'],
  ['退单', (f) => f.returns, 'int'],
  ['退单率', (f) => f.returnRate, 'pct'],
  ['延期', (f) => f.extended, 'int'],
  ['重复件', (f) => f.merged, 'int'],
  ['集体访', (f) => f.collective, 'int'],
  ['已回访', (f) => f.surveyed, 'int'],
  ...(Object.keys(RATE_LABELS) as Array<keyof Rates>).map(
    (k) => [RATE_LABELS[k], (f: Figures) => f.rates[k], 'pct'] as [string, (f: Figures) => number, 'pct'],
  ),
  ['平均办理时长（小时）', (f) => f.averageHandlingHours, 'num'],
  ['P90办理时长（小时）', (f) => f.p90HandlingHours, 'num'],
];

function breakdownSheet(wb: ExcelJS.Workbook, title: string, keyHeader: string, groups: SummaryBreakdowns['units']) {
  const ws = wb.addWorksheet(title);
  ws.columns = [{ header: keyHeader, width: 28 }, ...COLUMNS.map(([h]) => ({ header: h, width: Math.max(10, h.length * 2 + 2) }))];
  for (const g of groups) ws.addRow([g.name, ...COLUMNS.map(([, v]) => v(g.figures))]);
  COLUMNS.forEach(([, , kind], i) => {
    if (kind === 'pct') ws.getColumn(i + 2).numFmt = '0.0%';
  });
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

/** The same figures as the json and md reports, one sheet per breakdown, as an .xlsx buffer. */
export async function renderSummaryXlsx(r: SummaryReport, b: SummaryBreakdowns): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 intake hub';
  wb.created = new Date();
  const ws = wb.addWorksheet('汇总');
  ws.columns = [
    { header: '指标', width: 30 },
    { header: '数值', width: 14 },
  ];
  const pct = (label: string, v: number | null) => {
    const row = ws.addRow([label, v]);
    row.getCell(2).numFmt = '0.0%';
  };
  ws.addRow(['统计期', `${r.from} 至 ${r.to}`]);
  ws.addRow(['受理总数', r.received.total]);
  ws.addRow(['上年同期', r.previousPeriod.total]);
  pct('同比变化', r.previousPeriod.change);
  for (const [ch, n] of Object.entries(r.received.byChannel)) ws.addRow([`受理${CHANNEL_NAMES[ch] ?? ch}`, n]);
  for (const [name, n] of orderedSources(r.received.bySource)) ws.addRow([name, n]);
  ws.addRow(['直接答复', r.dispositions.directAnswer]);
  ws.addRow(['提供服务', r.dispositions.serviceProvided]);
  ws.addRow(['交办', r.dispositions.dispatched]);
  ws.addRow(['无效', r.dispositions.invalid]);
  ws.addRow(['并单（重复件）', r.dispositions.merged]);
  ws.addRow(['按时签收', r.dispatched.acknowledgedOnTime]);
  ws.addRow(['已反馈', r.dispatched.replied]);
  ws.addRow(['按期反馈', r.dispatched.repliedOnTime]);
  ws.addRow(['已办结', r.dispatched.closed]);
  ws.addRow(['当前超期', r.dispatched.overdue]);
  ws.addRow(['累计超期', r.timeliness.overdueEver]);
  ws.addRow(['退单', r.timeliness.returns]);
  ws.addRow(['延期', r.timeliness.extended]);
  for (const k of Object.keys(RATE_LABELS) as Array<keyof Rates>) pct(RATE_LABELS[k], r.rates[k]);
  ws.addRow(['重复件', r.repeats]);
  ws.addRow(['集体访', r.collective]);
  ws.addRow(['平均办理时长（小时）', r.timeliness.averageHandlingHours]);
  ws.addRow(['P90办理时长（小时）', r.timeliness.p90HandlingHours]);
  ws.getRow(1).font = { bold: true };

  breakdownSheet(wb, '按承办单位', '承办单位', b.units);
  breakdownSheet(wb, '按类别', '类别', b.categories);
  breakdownSheet(wb, '按区域', '区域', b.regions);
  breakdownSheet(wb, '按来源', '来源（热线/信箱）', b.sources);
  const notes = wb.addWorksheet('口径说明');
  notes.columns = [{ header: '口径说明', width: 110 }];
  for (const d of r.definitions) notes.addRow([d]);
  // The configured rates (rates.yaml) and 派单准确率 / 重复件率, each figure beside its definition.
  notes.addRow([]);
  notes.addRow([`考核指标（${r.configuredRates.set}）`]).font = { bold: true };
  for (const f of [...r.configuredRates.rates, ...r.configuredRates.quality])
    notes.addRow([`${f.label} ${percent(f.value)}（${f.numerator}/${f.denominator}）：${f.definition}`]);
  if (r.configuredRates.score !== null) notes.addRow([`综合得分 ${r.configuredRates.score} 分（各比率按权重加权，只计分母不为 0 的比率）`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
