import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, UNITS } from '@hub/database';
import { CLOCK, Clock, DEADLINE_STAGE_LABELS, formatBusinessTime } from '@hub/domain';
import { renderTicketListXlsx } from '@hub/reporting';
import type { SessionUser } from '../auth/auth.decorators';
import type { TicketListQuery } from './ticket-inbox-filter';
import { TicketQueryService } from './ticket-query.service';
import { MAX_PAGE_SIZE } from './ticket-list-query';

/** The most rows one export writes; the workbook says when the list had more. */
export const MAX_EXPORT_ROWS = 5000;

const VIEW_TITLES: Record<string, string> = {
  triage: '待分拨工单',
  pending_ack: '待签收工单',
  in_progress: '办理中工单',
  due_soon: '24小时内到期工单',
  overdue: '超期督办工单',
  returned: '已退回工单',
  all: '工单',
};

const SORT_TITLES: Record<string, string> = {
  due: '最先到期在前',
  '-due': '最晚到期在前',
  lateness: '超期最短在前',
  '-lateness': '超期最久在前',
  received: '最早接收在前',
  '-received': '最新接收在前',
};

/** A ticket list as an xlsx workbook: the same filters, scope, masking and order as the list itself. */
@Injectable()
export class TicketExportService {
  constructor(
    private readonly query: TicketQueryService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async xlsx(user: SessionUser, q: TicketListQuery): Promise<{ file: Buffer; filename: string }> {
    const now = this.clock.now();
    const first = await this.query.list(user, { ...q, page: 1, pageSize: MAX_PAGE_SIZE });
    const items = [...first.items];
    // A lookup counts its matches page by page (more: others follow).
    let last = first;
    for (let page = 2; items.length < MAX_EXPORT_ROWS && (items.length < last.total || last.more); page++) {
      last = await this.query.list(user, { ...q, page, pageSize: MAX_PAGE_SIZE });
      if (!last.items.length) break;
      items.push(...last.items);
    }
    const rows = items.slice(0, MAX_EXPORT_ROWS).map((t) => ({
      number: t.number,
      receivedAt: t.receivedAt,
      subject: t.subject,
      summary: t.summary,
      category: t.category,
      region: t.region,
      leadUnit: t.leadUnit,
      statusLabel: t.statusLabel,
      urgent: t.urgency === 'urgent',
      stage: t.nextDeadline ? (DEADLINE_STAGE_LABELS[t.nextDeadline.stage as keyof typeof DEADLINE_STAGE_LABELS] ?? t.nextDeadline.stage) : null,
      dueAt: t.nextDeadline?.dueAt ?? null,
      overdue: t.nextDeadline?.overdue ?? false,
    }));
    const filters = await this.filters(q);
    const title = VIEW_TITLES[q.view ?? 'all'];
    const file = await renderTicketListXlsx({ title, filters, total: last.more ? items.length : last.total, now, rows });
    const day = formatBusinessTime(now).slice(0, 10);
    return { file, filename: [title, ...filters.map((f) => f.replace(/^[^：]+：/, ''))].join('_').replace(/[\\/:*?"<>|]/g, '-') + `_${day}.xlsx` };
  }

  /** The filters in words, for the title rows and the file name. */
  private async filters(q: TicketListQuery): Promise<string[]> {
    const out: string[] = [];
    if (q.unit) out.push(`承办单位：${(await this.uow.read(UNITS).findById(q.unit))?.name ?? q.unit}`);
    if (q.category) out.push(`分类：${q.category}`);
    if (q.region) out.push(`区域：${q.region}`);
    if (q.source) out.push(`来源：${q.source}`);
    if (q.status) out.push(`状态：${q.status}`);
    if (q.q) out.push(`查询：${q.q}`);
    if (q.from) out.push(`接收自：${formatBusinessTime(q.from)}`);
    if (q.to) out.push(`接收至：${formatBusinessTime(q.to)}`);
    if (q.sort && SORT_TITLES[`${q.sort.desc ? '-' : ''}${q.sort.key}`]) out.push(`排序：${SORT_TITLES[`${q.sort.desc ? '-' : ''}${q.sort.key}`]}`);
    return out;
  }
}
