/**
 * The classifier's "why" (rules matched, telling words, the place found, urgency signs, and why it
 * waits for an operator) in the operator's words. The router also writes the waiting reason on
 * the 受理 event, so the timeline translates it with the same table.
 */
export const NOT_AUTO_LABELS: Record<string, string> = {
  'low confidence': '置信度不足，需人工确认',
  'rule asks for an operator': '分拨规则要求人工确认',
  'no region found for a unit chosen by place': '未识别出所属区域，无法按属地确定承办单位',
  'urgency uncertain': '疑似紧急，请人工确认紧急程度',
};

/** A reason recorded by the system in English, in Chinese; anything else as it was written. */
export const reasonText = (reason: string): string => NOT_AUTO_LABELS[reason.trim()] ?? reason;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const names = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .map((x) => (isObj(x) ? String(x.name ?? x.id ?? '') : String(x)))
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

export function explainWhy(why: unknown): string {
  if (!why) return '';
  if (typeof why === 'string') return reasonText(why);
  if (Array.isArray(why)) return names(why).join('；');
  if (!isObj(why)) return '';
  const parts: string[] = [];
  const rules = names(why.matchedRules);
  if (rules.length) parts.push(`命中规则 ${rules.join('、')}`);
  const terms = names(why.topTerms)
    .map((t) => t.replace(/^[\s,，、.。]+|[\s,，、.。]+$/g, ''))
    .filter((t) => t.length > 0);
  if (terms.length) parts.push(`关键词 ${[...new Set(terms)].join('、')}`);
  if (isObj(why.place) && why.place.name) {
    parts.push(`地点 ${String(why.place.name)}${why.place.region && why.place.region !== why.place.name ? `（${String(why.place.region)}）` : ''}`);
  }
  const ambiguous = names(why.ambiguousPlaces);
  if (ambiguous.length) parts.push(`地名有歧义 ${ambiguous.join('、')}`);
  const urgent = names(why.urgencySignals);
  if (urgent.length) parts.push(`紧急迹象 ${urgent.join('、')}`);
  if (typeof why.notAuto === 'string' && why.notAuto) parts.push(`未自动分拨：${reasonText(why.notAuto)}`);
  return parts.join('；');
}
