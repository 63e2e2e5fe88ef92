import { formatDue } from './format';
import { CHANNEL_LABELS, label } from './labels';

/**
 * The API's refusals are written for developers and scripts (English, status codes); an operator
 * reads them in Chinese. Known refusals are translated with their particulars (unit, limit,
 * status); an unknown English message falls back to the plain meaning of its code or status,
 * never shown raw. Messages already in Chinese are kept, with their field name translated.
 */
const STATUS_TEXT: Record<number, string> = {
  400: '提交的内容有误',
  403: '没有权限执行此操作',
  404: '未找到',
  409: '工单状态已变化，当前不能执行此操作，请刷新后重试',
  413: '文件过大',
  415: '提交的格式不正确',
  422: '操作被拒绝',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请联系管理员查看日志',
  502: '服务暂不可用',
  503: '服务暂不可用，请稍后再试',
};
const CODE_TEXT: Record<string, string> = {
  ILLEGAL_TRANSITION: '工单状态已变化，当前不能执行此操作，请刷新后重试',
  TICKET_CONFLICT: '工单刚被他人修改，请刷新后重试',
  TICKET_NOT_FOUND: '工单不存在或无权查看',
  MISSING_TRANSITION_DATA: '请填写必填内容后再提交',
};

/** Request fields as the forms call them. */
export const FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  text: '内容',
  days: '天数',
  outcome: '办理结果',
  rating: '满意度',
  note: '回访记录',
  unitId: '主办单位',
  assistUnitIds: '协办单位',
  category: '分类',
  region: '区域',
  urgency: '紧急程度',
  targetTicketId: '并入工单',
  phone: '联系电话',
  email: '电子邮箱',
  name: '诉求人',
  subject: '标题',
  address: '地址',
  source: '来源线路',
  channel: '渠道',
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  role: '角色',
  unitIds: '所属单位',
  from: '开始日期',
  to: '结束日期',
  file: '文件',
  conditions: '规则条件',
  actions: '规则动作',
  priority: '优先级',
};

const NEEDS: Record<string, string> = {
  'a reason': '理由',
  'a unit': '承办单位',
  'the answer text': '答复内容',
  'a description': '服务内容',
  'a number of days': '延期天数',
  'an outcome': '办理结果',
  'the reply text': '答复内容',
  'a rating': '满意度',
  'the open ticket': '并入的工单',
};

/** A routing rule's fields as the 分拨规则 form labels them. */
const RULE_WORDS: Record<string, string> = {
  keywords: '任一关键词',
  allKeywords: '同时包含',
  excludeKeywords: '排除词',
  patterns: '正则表达式',
  regions: '区域',
  channels: '渠道',
  sources: '来源',
  category: '分类',
  unit: '交办单位',
  assistUnits: '协办单位',
  urgency: '紧急程度',
  sensitive: '敏感事项',
  auto: '自动交办',
};
/** The problems of a refused rule (`conditions.patterns[0] …；actions.unit …`) with the form's words for its fields. */
const ruleWords = (s: string) =>
  s
    .replace(/conditions 至少需要一个条件（[^）]*）/g, '至少需要一个条件（任一关键词、同时包含、正则表达式、区域、渠道或来源）')
    .replace(/\b(?:conditions|actions)\.(\w+)(?:\[(\d+)\])?/g, (_, k: string, i?: string) => `${RULE_WORDS[k] ?? k}${i ? `第 ${Number(i) + 1} 条` : ''}`);

type Rule = [RegExp, (m: RegExpExecArray) => string];
const RULES: Rule[] = [
  [/^the ticket is already with (.+); reassign it to another unit$/, (m) => `该工单已由“${m[1]}”承办，请改派给其他单位`],
  [/^cannot .+? \((.+?)\) a ticket that is \w+ \((.+?)\)/, (m) => `工单当前为“${m[2]}”，不能${m[1]}，请刷新后查看可执行的操作`],
  [/^the assisting unit \(协办\) must acknowledge/, () => '协办单位需先签收，再提交办结反馈'],
  [/has already acknowledged/, () => '本单位已签收过此工单'],
  [/has already replied/, () => '本单位已提交过办结反馈'],
  [/^ticket (\S+) not found$/, (m) => `工单 ${m[1]} 不存在或无权查看`],
  [/^ticket \S+ was changed by someone else/, () => '工单刚被他人修改，请刷新后重试'],
  [
    /^an extension may be at most (\d+) (working days|days) \(asked: (\d+)\)$/,
    (m) => `延期最多 ${m[1]} 个${m[2] === 'days' ? '自然日' : '工作日'}（申请了 ${m[3]} 天）`,
  ],
  [/^the policy allows no extension/, () => '此类工单（如紧急件）不能延期，请在时限内办结'],
  [/^the policy allows (\d+) extension\(s\) and it was used$/, (m) => `延期次数已用完（最多 ${m[1]} 次）`],
  [/^an extension must be requested before the reply deadline/, () => '办结期限已过，不能再申请延期'],
  [/^the return window closed at (\S+?);/, (m) => `退单期限已于 ${formatDue(m[1])} 截止，不能退单；如确非本单位职责，请联系话务员改派`],
  [/^a ticket cannot be merged into itself$/, () => '不能把工单并入它自己'],
  [/^ticket (\d+) is \w+ \((.+?)\); merge into an open ticket$/, (m) => `目标工单（ID ${m[1]}）当前为“${m[2]}”，只能并入仍在办理的工单`],
  [/^only the lead unit \(主办\) may/, () => '只有主办单位可以退单或申请延期；协办单位签收后反馈本单位办理情况即可'],
  [/^your unit no longer holds this ticket: it is \w+ \((.+?)\)/, (m) => `本单位已不再承办此工单（当前：${m[1]}），无需操作`],
  [/^category (.+) is not in taxonomy\.yaml/, (m) => `分类“${m[1]}”不在分类目录中，请从列表中选择`],
  [/^region (.+) is not in regions\.yaml/, (m) => `区域“${m[1]}”不在区域目录中，请从列表中选择`],
  [/^unit \d+ does not exist or is retired$/, () => '所选单位不存在或已停用'],
  [/^no returned assignment to give back$/, () => '没有待审核的退单'],
  [/^first contact is recorded while a unit handles/, () => '单位办理期间才能记录首次联系'],
  [/needs a reason: the requester was not surveyed/, () => '此工单尚未回访：不回访直接办结归档，请在“说明”中写明原因（如 多次联系不上诉求人）'],
  [/^.+? \((.+?)\) needs distinct units/, () => '主办单位不能同时作为协办单位'],
  [/^.+? \((.+?)\) needs (.+?): /, (m) => `${m[1]}需要填写${NEEDS[m[2]] ?? '必填内容'}`],
  [/^username (.+) is taken$/, (m) => `用户名 ${m[1]} 已被使用`],
  [/^a unit user needs unitIds/, () => '承办单位的用户需要选择所属单位'],
  [/^import \d+ \((.+)\) has no rejected rows$/, (m) => `“${m[1]}”没有被拒绝的行`],
  [/^intake item \d+ (?:not found|is not a recorded letter)/, () => '该来件不存在或不是邮件，不能重新处理'],
  [/^source (.+) is a (\w+) source;/, (m) => `来源线路“${m[1]}”属于${label(CHANNEL_LABELS, m[2])}渠道，请选择对应的渠道`],
  [/^from \((.+?)\) is after to \((.+?)\)$/, (m) => `开始日期 ${m[1]} 晚于结束日期 ${m[2]}`],
  [/^规则未保存：([^]+)$/, (m) => `规则未保存：${ruleWords(m[1])}`],
  [/^internal error/, () => STATUS_TEXT[500]],
  [/^property (\S+) should not exist$/, (m) => `不支持的字段：${FIELD_LABELS[m[1]] ?? m[1]}`],
  // class-validator's "phone must be a phone number (…)", "days must not be greater than 60"
  [/^([A-Za-z][\w.]*) (?:must|should|has to)\b/, (m) => `${FIELD_LABELS[m[1].split('.').pop() ?? m[1]] ?? m[1]}填写不正确`],
];

/** Two English words in a row: a sentence no operator should have to read. */
const ENGLISH = /[A-Za-z]{2,}[\s,;:()'-]+[A-Za-z]{2,}/;

/** One message from the API in Chinese, or null when it is English we do not know. */
export function translateMessage(message: string): string | null {
  const s = message.trim();
  for (const [re, to] of RULES) {
    const m = re.exec(s);
    if (m) return to(m);
  }
  // "reason 不能为空：请说明理由" → "理由不能为空：请说明理由"
  const field = /^([A-Za-z][\w.]*)\s*(.*)$/.exec(s);
  if (field && /[\u4e00-\u9fff]/.test(field[2]) && !ENGLISH.test(field[2])) {
    const key = field[1].split('.').pop() ?? field[1];
    return `${FIELD_LABELS[key] ?? field[1]}${field[2]}`;
  }
  if (/[\u4e00-\u9fff]/.test(s) && !ENGLISH.test(s)) return s;
  return null;
}

/** The text to show for a failed API call. */
export function apiErrorText(status: number, body: unknown): string {
  const b = (body ?? {}) as { message?: unknown; code?: unknown };
  const raw = Array.isArray(b.message) ? b.message.map(String) : typeof b.message === 'string' && b.message ? [b.message] : [];
  const fallback = (typeof b.code === 'string' ? CODE_TEXT[b.code] : undefined) ?? STATUS_TEXT[status] ?? `请求失败（${status}）`;
  if (!raw.length) return fallback;
  const out = [...new Set(raw.map((m) => translateMessage(m) ?? fallback))];
  return out.join('；');
}
