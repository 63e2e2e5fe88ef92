import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';
import { URGENCIES } from '@hub/domain';

/**
 * What a routing rule may say, checked when it is saved: an operator's typo must be refused with
 * the field it concerns, never stored to break routing for every ticket later (a string where a
 * list belongs, an unknown condition, a pattern that does not compile or backtracks
 * catastrophically).
 */
const LIST_CONDITIONS = ['keywords', 'allKeywords', 'excludeKeywords', 'patterns', 'regions', 'channels', 'sources'] as const;
const MAX_ITEMS = 200;
const MAX_ITEM_LENGTH = 200;
const MAX_PATTERN_LENGTH = 500;

/** A pattern compiled for the linear-time engine (RE2 semantics: no backreferences or lookaround). */
export function compileRulePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

/** Why a pattern cannot be saved, or null when it can. */
export function rulePatternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `最长 ${MAX_PATTERN_LENGTH} 个字符`;
  try {
    new RegExp(pattern);
  } catch (e) {
    return `不是有效的正则表达式（${(e as Error).message}）`;
  }
  try {
    compileRulePattern(pattern);
  } catch {
    return '使用了不支持的写法（如反向引用、环视）；请改用普通的字符类、分组和量词';
  }
  // Star height above one ((a+)+, (a|a)*…): exponential on a backtracking engine. The worker runs
  // patterns on a linear engine anyway; refusing them keeps rules portable and intent clear.
  if (!safeRegex(pattern)) return '含有嵌套的重复（如 (a+)+），可能造成灾难性回溯；请去掉嵌套的量词';
  return null;
}

function stringList(value: unknown, field: string, problems: string[]): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    problems.push(`${field} 必须是字符串列表，例如 ["路灯"]`);
    return [];
  }
  if (value.length > MAX_ITEMS) problems.push(`${field} 最多 ${MAX_ITEMS} 项`);
  if (value.some((v: string) => !v.trim())) problems.push(`${field} 不能含空字符串`);
  return value as string[];
}

function checkConditions(conditions: Record<string, unknown>, problems: string[]): void {
  const known = new Set<string>(LIST_CONDITIONS);
  for (const key of Object.keys(conditions)) {
    if (!known.has(key)) problems.push(`conditions.${key} 不是可用的条件；可用：${LIST_CONDITIONS.join('、')}`);
  }
  let any = false;
  for (const key of LIST_CONDITIONS) {
    if (conditions[key] === undefined) continue;
    const list = stringList(conditions[key], `conditions.${key}`, problems);
    if (key !== 'patterns' && list.some((v) => v.length > MAX_ITEM_LENGTH)) problems.push(`conditions.${key} 每项最长 ${MAX_ITEM_LENGTH} 个字符`);
    if (key !== 'excludeKeywords' && list.length) any = true;
    if (key === 'patterns') {
      list.forEach((p, i) => {
        const problem = rulePatternProblem(p);
        if (problem) problems.push(`conditions.patterns[${i}] ${JSON.stringify(p.slice(0, 60))} ${problem}`);
      });
    }
  }
  if (!any && !problems.length) problems.push('conditions 至少需要一个条件（keywords、allKeywords、patterns、regions、channels 或 sources）');
}

function checkActions(actions: Record<string, unknown>, problems: string[]): void {
  const known = ['category', 'unit', 'assistUnits', 'urgency', 'sensitive', 'auto'];
  for (const key of Object.keys(actions)) {
    if (!known.includes(key)) problems.push(`actions.${key} 不是可用的动作；可用：${known.join('、')}`);
  }
  for (const key of ['category', 'unit'] as const) {
    const v = actions[key];
    if (v !== undefined && (typeof v !== 'string' || !v.trim() || v.length > MAX_ITEM_LENGTH)) problems.push(`actions.${key} 必须是非空字符串`);
  }
  if (actions.assistUnits !== undefined) stringList(actions.assistUnits, 'actions.assistUnits', problems);
  if (actions.urgency !== undefined && !(URGENCIES as readonly unknown[]).includes(actions.urgency)) {
    problems.push(`actions.urgency 必须是 ${URGENCIES.join(' 或 ')}`);
  }
  for (const key of ['sensitive', 'auto'] as const) {
    if (actions[key] !== undefined && typeof actions[key] !== 'boolean') problems.push(`actions.${key} 必须是 true 或 false`);
  }
}

/** Every problem of a rule's conditions and actions, in Chinese, each naming its field; empty when it may be saved. */
export function ruleDefinitionProblems(rule: { conditions: Record<string, unknown>; actions: Record<string, unknown> }): string[] {
  const problems: string[] = [];
  checkConditions(rule.conditions, problems);
  checkActions(rule.actions, problems);
  return problems;
}
