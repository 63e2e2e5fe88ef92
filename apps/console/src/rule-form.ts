import { CHANNEL_LABELS, label } from './labels';
import type { Schemas } from './types';

export type RoutingRule = Schemas['RoutingRule'];

/**
 * A routing rule as the 分拨规则 form edits it: word lists as text (split on commas, 、 or new
 * lines; patterns one a line, since a pattern may hold a comma), the rest as choices. Condition
 * keys the form does not know are kept as they were.
 */
export interface RuleDraft {
  id: number;
  name: string;
  priority: number;
  enabled: boolean;
  keywords: string;
  allKeywords: string;
  excludeKeywords: string;
  patterns: string;
  sources: string;
  regions: string[];
  channels: string[];
  category: string;
  unit: string;
  assistUnits: string[];
  urgency: '' | 'urgent' | 'normal';
  sensitive: boolean;
  /** '' leaves it to the hub (automatic when the rule forces a category or unit). */
  auto: '' | 'yes' | 'no';
  otherConditions: Record<string, unknown>;
}

/** The word lists of a rule's conditions, as the form labels them. */
export const WORD_LISTS = [
  { key: 'keywords', label: '任一关键词', hint: '出现其中任一个即符合' },
  { key: 'allKeywords', label: '同时包含', hint: '全部出现才符合' },
  { key: 'excludeKeywords', label: '排除词', hint: '出现其中任一个即不符合' },
  { key: 'sources', label: '来源', hint: '如 市长信箱' },
] as const;

const FORM_CONDITIONS = ['keywords', 'allKeywords', 'excludeKeywords', 'patterns', 'sources', 'regions', 'channels'];

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Words typed into one box: split on commas (either width), 、, semicolons and new lines. */
export const splitWords = (text: string): string[] =>
  text
    .split(/[,，、;；\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);
const splitLines = (text: string): string[] =>
  text
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);

export function blankRule(): RuleDraft {
  return {
    id: 0,
    name: '',
    priority: 100,
    enabled: true,
    keywords: '',
    allKeywords: '',
    excludeKeywords: '',
    patterns: '',
    sources: '',
    regions: [],
    channels: [],
    category: '',
    unit: '',
    assistUnits: [],
    urgency: '',
    sensitive: false,
    auto: '',
    otherConditions: {},
  };
}

export function toDraft(rule: RoutingRule): RuleDraft {
  const c = rule.conditions ?? {};
  const a = rule.actions ?? {};
  return {
    id: rule.id,
    name: rule.name,
    priority: rule.priority,
    enabled: rule.enabled,
    keywords: strings(c.keywords).join('、'),
    allKeywords: strings(c.allKeywords).join('、'),
    excludeKeywords: strings(c.excludeKeywords).join('、'),
    patterns: strings(c.patterns).join('\n'),
    sources: strings(c.sources).join('、'),
    regions: strings(c.regions),
    channels: strings(c.channels),
    category: typeof a.category === 'string' ? a.category : '',
    unit: typeof a.unit === 'string' ? a.unit : '',
    assistUnits: strings(a.assistUnits),
    urgency: a.urgency === 'urgent' || a.urgency === 'normal' ? a.urgency : '',
    sensitive: a.sensitive === true,
    auto: a.auto === true ? 'yes' : a.auto === false ? 'no' : '',
    otherConditions: Object.fromEntries(Object.entries(c).filter(([k]) => !FORM_CONDITIONS.includes(k))),
  };
}

/** The body of POST/PATCH /api/admin/rules: empty fields left out, so the server names what is missing. */
export interface RuleBody {
  name: string;
  priority: number;
  enabled: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
}

export function toBody(d: RuleDraft): RuleBody {
  const conditions: Record<string, unknown> = { ...d.otherConditions };
  for (const { key } of WORD_LISTS) if (splitWords(d[key]).length) conditions[key] = splitWords(d[key]);
  if (splitLines(d.patterns).length) conditions.patterns = splitLines(d.patterns);
  if (d.regions.length) conditions.regions = d.regions;
  if (d.channels.length) conditions.channels = d.channels;
  const actions: Record<string, unknown> = {};
  if (d.category.trim()) actions.category = d.category.trim();
  if (d.unit.trim()) actions.unit = d.unit.trim();
  if (d.assistUnits.length) actions.assistUnits = d.assistUnits;
  if (d.urgency) actions.urgency = d.urgency;
  if (d.sensitive) actions.sensitive = true;
  if (d.auto) actions.auto = d.auto === 'yes';
  return { name: d.name.trim(), priority: d.priority, enabled: d.enabled, conditions, actions };
}

/** A rule's conditions and actions in one line for its card or row: 关键词 燃气、煤气 → 紧急. */
export function ruleSummary(rule: RoutingRule): string {
  const d = toDraft(rule);
  const when = [
    ...WORD_LISTS.filter((w) => d[w.key]).map((w) => `${w.label} ${d[w.key]}`),
    d.patterns ? `正则 ${splitLines(d.patterns).join(' ')}` : '',
    d.regions.length ? `区域 ${d.regions.join('、')}` : '',
    d.channels.length ? `渠道 ${d.channels.map((c) => label(CHANNEL_LABELS, c)).join('、')}` : '',
  ].filter(Boolean);
  const then = [
    d.category ? `分类 ${d.category}` : '',
    d.unit ? `交办 ${d.unit}` : '',
    d.assistUnits.length ? `协办 ${d.assistUnits.join('、')}` : '',
    d.urgency === 'urgent' ? '紧急' : d.urgency === 'normal' ? '一般' : '',
    d.sensitive ? '敏感' : '',
    d.auto === 'yes' ? '自动交办' : d.auto === 'no' ? '须人工确认' : '',
  ].filter(Boolean);
  return `${when.join('；') || '—'} → ${then.join('；') || '—'}`;
}
