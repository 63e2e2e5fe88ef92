/** The rules of policies.yaml: which apply to a ticket, and the limits they set together. */
import type { PolicyRuleConfig } from '@hub/config';
import { DEADLINE_STAGES } from '@hub/domain';
import type { Channel, DeadlineStage, Urgency } from '@hub/domain';
import { Duration, parseDuration } from './duration';

/** What a ticket tells the policies about itself. */
export interface PolicyContext {
  channel: Channel;
  urgency: Urgency;
  /** 一级/二级, or null when not yet classified. */
  category: string | null;
  /** The named line or mailbox it came from (e.g. 市长信箱). */
  source?: string | null;
  /** Handled under 信访工作条例. */
  petition?: boolean;
  /** 包案: a leader owns it. */
  leaderCase?: boolean;
  /** The city (cities.yaml) the ticket belongs to: its limits count on the city's working days. */
  city?: string | null;
}

export interface StagePolicy {
  stage: DeadlineStage;
  /** Null: no time limit for this stage. */
  duration: Duration | null;
  /** The rule that set it (for the console: "回复时限 5个工作日 (一般件)"). */
  rule: string;
}

export interface ExtensionPolicy {
  maxCount: number;
  maxLength: Duration;
  rule: string;
}

/** 办结审核 of a kind of ticket: whether replies wait for the centre, and the time to reply again when sent back. */
export interface ReviewPolicy {
  required: boolean;
  /** Null: the reply limit again. */
  rework: Duration | null;
  rule: string;
}

export interface ResolvedPolicy {
  stages: Record<DeadlineStage, StagePolicy>;
  extension: ExtensionPolicy;
  review: ReviewPolicy;
  /** Names of the rules that matched, least specific first. */
  rules: string[];
}

export interface CompiledRule {
  name: string;
  index: number;
  specificity: number;
  config: PolicyRuleConfig;
  stages: Partial<Record<DeadlineStage, Duration | null>>;
  extension: { maxCount?: number; maxLength?: Duration };
  review?: { required: boolean; rework: Duration | null };
}

/** One rule of policies.yaml with its durations parsed and its specificity (more matched fields, a 二级 category: more specific). */
function compileRule(config: PolicyRuleConfig, index: number): CompiledRule {
  const m = config.match ?? {};
  const keys = (['channel', 'urgency', 'category', 'source', 'petition', 'leaderCase'] as const).filter((k) => m[k] !== undefined && m[k] !== null);
  const twoLevel = (m.category ?? []).some((c) => c.includes('/')) ? 1 : 0;
  const stages: CompiledRule['stages'] = {};
  for (const s of DEADLINE_STAGES) {
    const text = config.stages?.[s];
    if (text !== undefined && text !== null) stages[s] = parseDuration(text);
  }
  const maxLength = config.extension?.maxLength ? (parseDuration(config.extension.maxLength) ?? undefined) : undefined;
  const review = config.review ? { required: config.review.required, rework: config.review.rework ? parseDuration(config.review.rework) : null } : undefined;
  return {
    name: config.name,
    index,
    specificity: keys.length * 10 + twoLevel,
    config,
    stages,
    extension: { maxCount: config.extension?.maxCount, maxLength },
    review,
  };
}

/** Whether every field the rule matches on fits the ticket (a rule without match fits all). */
function matches(rule: CompiledRule, ctx: PolicyContext): boolean {
  const m = rule.config.match;
  if (!m) return true;
  if (m.channel && !m.channel.includes(ctx.channel)) return false;
  if (m.urgency && !m.urgency.includes(ctx.urgency)) return false;
  if (m.category) {
    const cat = ctx.category;
    if (!cat || !m.category.some((p) => cat === p || cat.startsWith(`${p}/`))) return false;
  }
  if (m.source && !(ctx.source && m.source.includes(ctx.source))) return false;
  if (m.petition !== undefined && m.petition !== Boolean(ctx.petition)) return false;
  if (m.leaderCase !== undefined && m.leaderCase !== Boolean(ctx.leaderCase)) return false;
  return true;
}

/** The rules, least specific first (then in file order), so the most specific rule setting a stage is applied last and wins. */
export function compileRules(configs: PolicyRuleConfig[]): CompiledRule[] {
  return configs.map(compileRule).sort((a, b) => a.specificity - b.specificity || a.index - b.index);
}

/** The limits the matching rules set for a ticket, the most specific rule setting a stage winning. */
export function resolvePolicy(rules: CompiledRule[], ctx: PolicyContext): ResolvedPolicy {
  const applied = rules.filter((r) => matches(r, ctx));
  const stages = {} as Record<DeadlineStage, StagePolicy>;
  let maxCount: { v: number; rule: string } | null = null;
  let maxLength: { v: Duration; rule: string } | null = null;
  let review: ReviewPolicy = { required: false, rework: null, rule: '(none)' };
  for (const r of applied) {
    if (r.review) review = { ...r.review, rule: r.name };
    for (const s of DEADLINE_STAGES) {
      if (s in r.stages) stages[s] = { stage: s, duration: r.stages[s] ?? null, rule: r.name };
    }
    if (r.extension.maxCount !== undefined) maxCount = { v: r.extension.maxCount, rule: r.name };
    if (r.extension.maxLength) maxLength = { v: r.extension.maxLength, rule: r.name };
  }
  for (const s of DEADLINE_STAGES) stages[s] ??= { stage: s, duration: null, rule: '(none)' };
  return {
    stages,
    extension: {
      maxCount: maxCount?.v ?? 0,
      maxLength: maxLength?.v ?? { unit: 'working_days', amount: 0 },
      rule: maxCount?.rule ?? '(none)',
    },
    review,
    rules: applied.map((r) => r.name),
  };
}
