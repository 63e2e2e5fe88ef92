import ExcelJS from 'exceljs';
import { formatBusinessTime } from '@hub/domain';
import type { ZeroReportOverview } from '../usecases/list-zero-reports/zero-report-lines';

/**
 * 零报告未确认名单: the units that owe a period's zero report, then every unit's state on a second
 * sheet, with the definition the list was made by.
 */
export async function renderZeroReportXlsx(o: ZeroReportOverview, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 intake hub';
  const missing = o.units.filter((l) => l.status === 'missing');
  const list = wb.addWorksheet('未确认名单');
  list.addRow([`零报告未确认单位名单（${o.period.label}）`]).font = { bold: true, size: 14 };
  list.addRow([`导出时间 ${formatBusinessTime(now)}；${o.state === 'current' ? '本周期尚未结束；' : ''}共 ${missing.length} 个单位未确认`]);
  list.addRow(['序号', '承办单位', '周期', '起始日期', '截止日期']).font = { bold: true };
  missing.forEach((l, i) => list.addRow([i + 1, l.unit, o.period.key, o.period.from, o.period.to]));
  [6, 32, 12, 12, 12].forEach((w, i) => (list.getColumn(i + 1).width = w));

  const all = wb.addWorksheet('全部单位');
  all.addRow(['承办单位', '状态', '本周期派单数', '确认人', '确认时间']).font = { bold: true };
  for (const l of o.units) all.addRow([l.unit, l.statusText, l.dispatched, l.confirmedBy ?? '', l.confirmedAt ? formatBusinessTime(l.confirmedAt) : '']);
  [32, 14, 14, 20, 18].forEach((w, i) => (all.getColumn(i + 1).width = w));
  all.addRow([]);
  all.addRow([o.definition]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
