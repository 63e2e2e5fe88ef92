/** Administration pages backed by /api/admin/<key>; each shows an empty state until its route exists. */
export const ADMIN_SECTIONS = [
  { key: 'intake-items', label: '隔离区（异常来件）' },
  { key: 'mailboxes', label: '信箱状态' },
  { key: 'imports', label: '导入源与文件' },
  { key: 'clusters', label: '热点与集体访' },
  { key: 'outbox', label: '发信失败' },
  { key: 'users', label: '用户与单位' },
  { key: 'rules', label: '分拨规则' },
  { key: 'queues', label: '队列看板' },
  { key: 'audit', label: '操作日志' },
] as const;
