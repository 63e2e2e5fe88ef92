import { rng, shuffle } from './linear-training';

/**
 * Stratified fold of each item (round-robin inside each category, after a seeded shuffle). Items with
 * the same `groups` key share a fold: a text seen in training must not be scored as if it were new.
 */
export function stratifiedFolds(y: readonly number[], folds: number, seed = 7, groups?: readonly string[]): number[] {
  const order = shuffle(
    y.map((_, i) => i),
    rng(seed),
  );
  const next = new Map<number, number>();
  const ofGroup = new Map<string, number>();
  const fold = new Array<number>(y.length);
  for (const i of order) {
    const g = groups?.[i];
    const same = g === undefined ? undefined : ofGroup.get(g);
    if (same !== undefined) {
      fold[i] = same;
      continue;
    }
    const f = next.get(y[i]) ?? Math.floor(rng(seed + y[i])() * folds);
    fold[i] = f % folds;
    next.set(y[i], f + 1);
    if (g !== undefined) ofGroup.set(g, fold[i]);
  }
  return fold;
}

/**
 * The text as the model sees it, for grouping duplicates into one fold: place names (the masked ranges)
 * out, punctuation and spaces out. Histories repeat: the same complaint from many callers, or operators'
 * summaries that differ only in the street; scored across folds they make the confidence look earned.
 */
export function duplicateKey(text: string, ranges: readonly number[] | undefined): string {
  let t = text;
  if (ranges?.length) {
    const parts: string[] = [];
    let at = 0;
    for (let k = 0; k + 1 < ranges.length; k += 2) {
      if (ranges[k] < at) continue;
      parts.push(text.slice(at, ranges[k]), '⌂');
      at = ranges[k + 1];
    }
    parts.push(text.slice(at));
    t = parts.join('');
  }
  return t.replace(/[\s\p{P}\p{S}]+/gu, '');
}
