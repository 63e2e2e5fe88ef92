import { formatTime } from './format';
import type { CardLink } from './record-cards';
import { ruleSummary, type RoutingRule } from './rule-form';

/** What an administrator can do with a row (AdminRowActions.vue). */
export type AdminAct = 'rerun' | 'replay' | 'retry' | 'rejects' | 'edit';

/**
 * Administration pages backed by /api/admin/<key>; each shows an empty state until its route
 * exists. Each page names the columns an administrator acts on (why a letter was quarantined,
 * whether a mailbox is failing, how many rows an import rejected), in Chinese, with the API's
 * codes translated: the raw records carry paths, hashes and cursors nobody needs on screen.
 */
export interface AdminColumn {
  /** Path into the record, e.g. `state.status` for a mailbox's health. */
  key: string;
  label: string;
  /** `rule`: a routing rule's conditions and actions in words; `tickets`: `{id, number}` shown as links to each ticket. */
  kind?: 'time' | 'bool' | 'list' | 'rule' | 'tickets';
  /** Codes shown by their Chinese names. */
  names?: Record<string, string>;
  wide?: boolean;
}

const INTAKE_STATUS = { received: '待处理', ticketed: '已生成工单', threaded: '已并入原工单', ignored: '已忽略', quarantined: '已隔离', duplicate: '重复来件' };
const INTAKE_KIND = { mail: '邮件', export_file: '导出文件', http: '网页/接口' };
const MAILBOX_STATUS = { ok: '正常', failing: '收取失败', silent: '长时间无来信', unknown: '尚未收取' };
const IMPORT_STATUS = { running: '导入中', done: '已完成', unreadable: '无法读取' };
const IMPORT_KIND = { hotline: '热线导出', history: '历史工单' };
const MAIL_STATUS = { pending: '待发送', sent: '已发送', failed: '发送失败' };
const MAIL_KIND = { dispatch: '交办通知', reminder: '催办', answer: '答复诉求人', alert: '告警', digest: '每日汇总' };
const WEBHOOK_STATUS = { pending: '等待重试', sending: '投递中', delivered: '已送达', failed: '投递失败' };
const CLUSTER_STATUS = { open: '观察中', flagged: '已提示督办', closed: '已结束' };
export const USER_ROLES = { operator: '话务员', unit: '承办单位', supervisor: '督办', admin: '管理员' };

export const ADMIN_SECTIONS: ReadonlyArray<{
  key: string;
  label: string;
  columns: AdminColumn[];
  adminOnly?: boolean;
  /** The API path under /api/admin/ when it is not the key. */
  path?: string;
}> = [
  {
    key: 'intake-items',
    label: '隔离区（异常来件）',
    columns: [
      { key: 'id', label: '编号' },
      { key: 'createdAt', label: '收到时间', kind: 'time' },
      { key: 'kind', label: '类型', names: INTAKE_KIND },
      { key: 'sourceName', label: '来源' },
      { key: 'status', label: '状态', names: INTAKE_STATUS },
      { key: 'reason', label: '原因', wide: true },
      { key: 'attempts', label: '处理次数' },
      { key: 'ticketId', label: '工单' },
    ],
  },
  {
    key: 'mailboxes',
    label: '信箱状态',
    columns: [
      { key: 'name', label: '信箱' },
      { key: 'state.status', label: '状态', names: MAILBOX_STATUS },
      { key: 'host', label: '服务器' },
      { key: 'user', label: '账号' },
      { key: 'folder', label: '文件夹' },
      { key: 'state.lastPollAt', label: '最近收取', kind: 'time' },
      { key: 'state.lastSuccessAt', label: '最近成功', kind: 'time' },
      { key: 'state.lastMailAt', label: '最近来信', kind: 'time' },
      { key: 'state.consecutiveFailures', label: '连续失败' },
      { key: 'state.lastError', label: '最近错误', wide: true },
    ],
  },
  {
    key: 'imports',
    label: '导入源与文件',
    columns: [
      { key: 'id', label: '编号' },
      { key: 'createdAt', label: '导入时间', kind: 'time' },
      { key: 'fileName', label: '文件名', wide: true },
      { key: 'sourceName', label: '导入源' },
      { key: 'kind', label: '类型', names: IMPORT_KIND },
      { key: 'status', label: '状态', names: IMPORT_STATUS },
      { key: 'rows', label: '行数' },
      { key: 'imported', label: '导入' },
      { key: 'duplicates', label: '重复' },
      { key: 'rejected', label: '拒绝' },
      { key: 'error', label: '错误', wide: true },
    ],
  },
  {
    key: 'clusters',
    label: '热点与集体访',
    columns: [
      { key: 'title', label: '事项', wide: true },
      { key: 'category', label: '分类' },
      { key: 'region', label: '区域' },
      { key: 'ticketCount', label: '件数' },
      { key: 'requesterCount', label: '诉求人数' },
      { key: 'status', label: '状态', names: CLUSTER_STATUS },
      { key: 'firstAt', label: '首次来件', kind: 'time' },
      { key: 'lastAt', label: '最近来件', kind: 'time' },
      { key: 'tickets', label: '工单', kind: 'tickets', wide: true },
    ],
  },
  {
    key: 'outbox',
    label: '发信失败',
    columns: [
      { key: 'createdAt', label: '创建时间', kind: 'time' },
      { key: 'kind', label: '类型', names: MAIL_KIND },
      { key: 'to', label: '收件人' },
      { key: 'subject', label: '主题', wide: true },
      { key: 'status', label: '状态', names: MAIL_STATUS },
      { key: 'attempts', label: '尝试次数' },
      { key: 'lastError', label: '最近错误', wide: true },
      { key: 'sentAt', label: '发送时间', kind: 'time' },
    ],
  },
  {
    // Deliveries given up after their retry hours (webhooks.yaml, and the upstream platforms' pushes `upstream-<code>`): replayable.
    key: 'webhooks',
    label: '推送失败',
    path: 'webhooks/deliveries?status=failed',
    adminOnly: true,
    columns: [
      { key: 'createdAt', label: '事件时间', kind: 'time' },
      { key: 'endpoint', label: '接收方' },
      { key: 'eventType', label: '事件' },
      { key: 'ticketId', label: '工单' },
      { key: 'status', label: '状态', names: WEBHOOK_STATUS },
      { key: 'attempts', label: '尝试次数' },
      { key: 'lastStatusCode', label: '最近应答' },
      { key: 'lastError', label: '最近错误', wide: true },
    ],
  },
  {
    key: 'users',
    label: '用户与单位',
    adminOnly: true,
    columns: [
      { key: 'username', label: '用户名' },
      { key: 'displayName', label: '姓名' },
      { key: 'role', label: '角色', names: USER_ROLES },
      { key: 'units', label: '所属单位', kind: 'list', wide: true },
      { key: 'email', label: '邮箱' },
      { key: 'active', label: '启用', kind: 'bool' },
      { key: 'lockedUntil', label: '锁定至', kind: 'time' },
      { key: 'lastLoginAt', label: '最后登录', kind: 'time' },
    ],
  },
  {
    key: 'rules',
    label: '分拨规则',
    columns: [
      { key: 'name', label: '名称', wide: true },
      { key: 'conditions', label: '条件 → 动作', kind: 'rule', wide: true },
      { key: 'priority', label: '优先级' },
      { key: 'enabled', label: '启用', kind: 'bool' },
      { key: 'version', label: '版本' },
      { key: 'updatedBy', label: '修改人' },
      { key: 'updatedAt', label: '更新时间', kind: 'time' },
    ],
  },
  { key: 'queues', label: '队列看板', columns: [{ key: 'name', label: '队列' }] },
  {
    key: 'audit',
    label: '操作日志',
    adminOnly: true,
    columns: [
      { key: 'at', label: '时间', kind: 'time' },
      { key: 'username', label: '账号' },
      { key: 'method', label: '方法' },
      { key: 'path', label: '路径', wide: true },
      { key: 'status', label: '结果' },
      { key: 'ip', label: 'IP' },
    ],
  },
];

/** The pages a role may open: users and the audit log are the administrator's alone (the API answers 403 to a supervisor). */
export const sectionsFor = (role: string | undefined) => ADMIN_SECTIONS.filter((s) => !s.adminOnly || role === 'admin');

export const QUEUE_TITLES: Record<string, string> = { intake: '来件处理', classify: '分类分拨', deadlines: '时限催办', mail: '邮件发送', learning: '模型学习' };

export const columnsFor = (section: string): AdminColumn[] => ADMIN_SECTIONS.find((s) => s.key === section)?.columns ?? [];

/** The API path a page reads: `/api/admin/<path or key>`. */
export const sectionPath = (section: string): string => `/api/admin/${ADMIN_SECTIONS.find((s) => s.key === section)?.path ?? section}`;

function at(row: Record<string, unknown>, path: string): unknown {
  let v: unknown = row;
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** What one cell shows: Beijing time, 是/否, names for codes and lists. */
/** The tickets of a `tickets` column as links to their pages (number as the text). */
export function adminLinks(row: Record<string, unknown>, col: AdminColumn): CardLink[] {
  if (col.kind !== 'tickets') return [];
  const v = at(row, col.key);
  if (!Array.isArray(v)) return [];
  return v
    .filter((x): x is { id: number; number: string } => typeof x === 'object' && x !== null && 'id' in x)
    .map((x) => ({ text: String(x.number ?? x.id), to: `/tickets/${x.id}` }));
}

export function adminCell(row: Record<string, unknown>, col: AdminColumn): string {
  if (col.kind === 'rule') return ruleSummary(row as unknown as RoutingRule);
  const v = at(row, col.key);
  if (v === null || v === undefined || v === '') return '—';
  if (col.kind === 'time') return formatTime(String(v));
  if (col.kind === 'bool' || typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (!v.length) return '—';
    return v
      .map((x) => (typeof x === 'object' && x ? String((x as Record<string, unknown>).name ?? (x as Record<string, unknown>).number ?? '') : String(x)))
      .join('、');
  }
  if (col.names && typeof v === 'string') return col.names[v] ?? v;
  if (typeof v === 'object') return '—';
  return String(v);
}
