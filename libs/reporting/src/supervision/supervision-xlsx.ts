import ExcelJS from 'exceljs';
import { formatBusinessTime } from '@hub/domain';
import type { SupervisionFigures, SupervisionOrderView } from './supervision-figures';

const when = (d: Date | null) => (d ? formatBusinessTime(d) : '');

/** 督办通报: the orders unanswered past their due time in a period, and the units' counts. */
export async function renderSupervisionReportXlsx(p: {
  from: string;
  to: string;
  reported: SupervisionOrderView[];
  figures: SupervisionFigures;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 intake hub';
  const list = wb.addWorksheet('通报');
  list.addRow([`督办逾期未回复通报（${p.from} 至 ${p.to}）`]);
  list.addRow([]);
  const header = ['序号', '工单编号', '事项', '承办单位', '督办级别', '督办事由', '下发时间', '回复时限', '列入通报时间', '当前状态', '回复时间'];
  list.addRow(header).font = { bold: true };
  p.reported.forEach((o, i) =>
    list.addRow([
      i + 1,
      o.ticketNumber,
      o.ticketTitle,
      o.unit,
      o.levelText,
      o.reason,
      when(o.issuedAt),
      when(o.dueAt),
      when(o.reportedAt),
      o.statusText,
      when(o.answeredAt),
    ]),
  );
  [6, 20, 30, 24, 10, 40, 18, 18, 18, 10, 18].forEach((w, i) => (list.getColumn(i + 1).width = w));

  const units = wb.addWorksheet('按单位');
  units.addRow(['承办单位', '下发', '按时回复', '逾期回复', '未到期', '逾期未回复', '列入通报', '撤销', '按时回复率']).font = { bold: true };
  for (const u of p.figures.byUnit)
    units.addRow([u.unit, u.issued, u.answeredOnTime, u.answeredLate, u.pending, u.overdue, u.reported, u.withdrawn, u.onTimeRate]);
  units.getColumn(1).width = 28;
  units.getColumn(9).numFmt = '0.0%';
  units.addRow([]);
  for (const [k, v] of Object.entries(p.figures.definitions)) units.addRow([k, v]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
