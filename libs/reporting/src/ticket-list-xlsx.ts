import ExcelJS from 'exceljs';
import { formatBusinessDue, formatBusinessTime } from '@hub/domain';

/** One listed ticket as the workbook writes it (the list's own row, already masked for the reader). */
export interface TicketListXlsxRow {
  number: string;
  receivedAt: Date;
  subject: string | null;
  summary: string;
  category: string | null;
  region: string | null;
  leadUnit: string | null;
  statusLabel: string;
  urgent: boolean;
  stage: string | null;
  dueAt: Date | null;
  overdue: boolean;
}

/**
 * A ticket list as a workbook (超期督办 and every other list): the filters it was made with in the
 * title rows, then one row per ticket in the list's order, the limit written as the mails write it.
 */
export async function renderTicketListXlsx(p: { title: string; filters: string[]; total: number; now: Date; rows: TicketListXlsxRow[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 intake hub';
  const ws = wb.addWorksheet('工单');
  ws.addRow([p.title]).font = { bold: true, size: 14 };
  ws.addRow([`导出时间 ${formatBusinessTime(p.now)}；${p.filters.length ? p.filters.join('；') : '全部工单'}`]);
  ws.addRow([p.rows.length < p.total ? `共 ${p.total} 件，导出前 ${p.rows.length} 件（请缩小筛选范围）` : `共 ${p.total} 件`]);
  ws.addRow(['序号', '工单编号', '接收时间', '诉求', '分类', '区域', '承办单位', '状态', '紧急', '时限环节', '时限', '是否超期', '超期时长（小时）']).font = {
    bold: true,
  };
  p.rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.number,
      formatBusinessTime(r.receivedAt),
      r.subject ? `${r.subject}｜${r.summary}` : r.summary,
      r.category ?? '未分类',
      r.region ?? '',
      r.leadUnit ?? '',
      r.statusLabel,
      r.urgent ? '紧急' : '',
      r.stage ?? '',
      r.dueAt ? formatBusinessDue(r.dueAt) : '',
      r.overdue ? '已超期' : '',
      r.overdue && r.dueAt ? Math.round(((p.now.getTime() - r.dueAt.getTime()) / 3600_000) * 10) / 10 : '',
    ]),
  );
  [6, 20, 18, 50, 24, 12, 24, 12, 6, 12, 18, 10, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
