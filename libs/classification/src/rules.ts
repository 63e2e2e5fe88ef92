import type { RE2JS } from 're2js';
import { URGENCIES, type Urgency } from '@hub/domain';
import { compileRulePattern, rulePatternProblem } from './rule-definition';

/**
 * Operator-editable routing rules. A rule is plain JSON data: conditions (all given ones must hold)
 * and actions (what it forces). Higher priority wins for each forced field.
 */
export interface RuleConditions {
  /** Any of these phrases appears in the text. */
  keywords?: string[];
  /** All of these phrases appear in the text. */
  allKeywords?: string[];
  /** Any of these regular expressions (RE2 syntax, the common subset of JavaScript's without backreferences or lookaround; no slashes) matches the text. */
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

export interface RuleOutcome extends RuleActions {
  /** Every enabled rule whose conditions hold, highest priority first. */
  matched: Array<{ id: number | string; name: string }>;
}

const regexCache = new Map<string, RE2JS | null>();
/**
 * A rule pattern on the linear-time engine (RE2): whatever was saved, a letter cannot make the
 * worker backtrack for minutes. A pattern it cannot compile never matches (saving refuses it).
 */
function regex(p: string): RE2JS | null {
  let r = regexCache.get(p);
  if (r === undefined) {
    try {
      r = compileRulePattern(p);
    } catch {
      r = null;
    }
    if (regexCache.size > 5000) regexCache.clear();
    regexCache.set(p, r);
  }
  return r;
}

/** The patterns of a rule that cannot be saved; for validating rules before they are saved. */
export function invalidRulePatterns(rule: Pick<RoutingRule, 'conditions'>): string[] {
  return list(rule.conditions.patterns).filter((p) => rulePatternProblem(p) !== null);
}

/** A condition's phrases; anything but a list of strings (a rule saved before it was checked) counts as none. */
function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function ruleMatches(rule: RoutingRule, item: RuleInput): boolean {
  const c = rule.conditions ?? {};
  const t = item.text;
  const [keywords, allKeywords, excludeKeywords, patterns] = [list(c.keywords), list(c.allKeywords), list(c.excludeKeywords), list(c.patterns)];
  const [regions, channels, sources] = [list(c.regions), list(c.channels), list(c.sources)];
  if (keywords.length && !keywords.some((k) => k && t.includes(k))) return false;
  if (allKeywords.length && !allKeywords.every((k) => t.includes(k))) return false;
  if (excludeKeywords.length && excludeKeywords.some((k) => k && t.includes(k))) return false;
  if (patterns.length && !patterns.some((p) => regex(p)?.matcher(t).find())) return false;
  if (regions.length && !(item.region && regions.includes(item.region))) return false;
  if (channels.length && !(item.channel && channels.includes(item.channel))) return false;
  if (sources.length && !(item.source && sources.includes(item.source))) return false;
  return Boolean(keywords.length || allKeywords.length || patterns.length || regions.length || channels.length || sources.length);
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
    // Only well-typed actions count: a rule stored before rules were checked cannot derail routing.
    const a = (r.actions ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
    out.category ??= str(a.category);
    out.unit ??= str(a.unit);
    if (out.assistUnits === undefined && Array.isArray(a.assistUnits)) out.assistUnits = list(a.assistUnits);
    if (out.urgency === undefined && (URGENCIES as readonly unknown[]).includes(a.urgency)) out.urgency = a.urgency as Urgency;
    out.sensitive ??= bool(a.sensitive);
    out.auto ??= bool(a.auto);
  }
  return out;
}
