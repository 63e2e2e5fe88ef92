import type { Urgency } from '@hub/domain';

/**
 * Operator-editable routing rules. A rule is plain JSON data: conditions (all given ones must hold)
 * and actions (what it forces). Higher priority wins for each forced field.
 */
export interface RuleConditions {
  /** Any of these phrases appears in the text. */
  keywords?: string[];
  /** All of these phrases appear in the text. */
  allKeywords?: string[];
  /** Any of these regular expressions (JavaScript syntax, no slashes) matches the text. */
  patterns?: string[];
  /** None of these phrases appears. */
  excludeKeywords?: string[];
  /** The place resolved to one of these regions. */
  regions?: string[];
  /** The item came through one of these channels (hotline, mailbox, web). */
  channels?: string[];
  /** The item came from one of these sources (e.g. 市长信箱, 区长公开电话). */
  sources?: string[];
}

export interface RuleActions {
  /** 一级/二级 category to use instead of the model's. */
  category?: string;
  /** Lead unit to use (overrides the routing table). */
  unit?: string;
  assistUnits?: string[];
  urgency?: Urgency;
  /** Alert the duty supervisor at once. */
  sensitive?: boolean;
  /** Whether items this rule routes may be dispatched without an operator (default: yes when it forces a category or unit). */
  auto?: boolean;
}

export interface RoutingRule {
  id: number | string;
  name: string;
  /** Higher first; equal priority: the earlier rule in the list. */
  priority: number;
  enabled: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
  version?: number;
}

export interface RuleInput {
  text: string;
  channel?: string | null;
  source?: string | null;
  /** Region found for the item (by the gazetteer), if any. */
  region?: string | null;
}

export interface RuleOutcome {
  category?: string;
  unit?: string;
  assistUnits?: string[];
  urgency?: Urgency;
  sensitive?: boolean;
  auto?: boolean;
  /** Every enabled rule whose conditions hold, highest priority first. */
  matched: Array<{ id: number | string; name: string }>;
}

const regexCache = new Map<string, RegExp | null>();
function regex(p: string): RegExp | null {
  let r = regexCache.get(p);
  if (r === undefined) {
    try {
      r = new RegExp(p);
    } catch {
      r = null; // an invalid pattern never matches (the API validates on save)
    }
    regexCache.set(p, r);
  }
  return r;
}

/** Whether `p` is a valid rule pattern; for validating rules before they are saved. */
export function invalidRulePatterns(rule: Pick<RoutingRule, 'conditions'>): string[] {
  return (rule.conditions.patterns ?? []).filter((p) => {
    try {
      new RegExp(p);
      return false;
    } catch {
      return true;
    }
  });
}

export function ruleMatches(rule: RoutingRule, item: RuleInput): boolean {
  const c = rule.conditions;
  const t = item.text;
  if (c.keywords?.length && !c.keywords.some((k) => k && t.includes(k))) return false;
  if (c.allKeywords?.length && !c.allKeywords.every((k) => t.includes(k))) return false;
  if (c.excludeKeywords?.length && c.excludeKeywords.some((k) => k && t.includes(k))) return false;
  if (c.patterns?.length && !c.patterns.some((p) => regex(p)?.test(t))) return false;
  if (c.regions?.length && !(item.region && c.regions.includes(item.region))) return false;
  if (c.channels?.length && !(item.channel && c.channels.includes(item.channel))) return false;
  if (c.sources?.length && !(item.source && c.sources.includes(item.source))) return false;
  const any = c.keywords?.length || c.allKeywords?.length || c.patterns?.length || c.regions?.length || c.channels?.length || c.sources?.length;
  return Boolean(any);
}

/** What the enabled rules force for an item and which rules matched (pure). */
export function applyRules(item: RuleInput, rules: readonly RoutingRule[]): RuleOutcome {
  const ordered = rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.enabled)
    .sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
  const out: RuleOutcome = { matched: [] };
  for (const { r } of ordered) {
    if (!ruleMatches(r, item)) continue;
    out.matched.push({ id: r.id, name: r.name });
    const a = r.actions;
    if (a.category !== undefined && out.category === undefined) out.category = a.category;
    if (a.unit !== undefined && out.unit === undefined) out.unit = a.unit;
    if (a.assistUnits !== undefined && out.assistUnits === undefined) out.assistUnits = a.assistUnits;
    if (a.urgency !== undefined && out.urgency === undefined) out.urgency = a.urgency;
    if (a.sensitive !== undefined && out.sensitive === undefined) out.sensitive = a.sensitive;
    if (a.auto !== undefined && out.auto === undefined) out.auto = a.auto;
  }
  return out;
}
