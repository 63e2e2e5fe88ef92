import type { RoutingDisposition, Urgency } from '@hub/domain';
import type { ClassificationConfig, Directory } from './directory';
import type { Gazetteer } from './gazetteer';

/** A labelled item (the demo-city README format; operator decisions are stored the same way). */
export interface LabelledItem {
  id?: string;
  channel?: string | null;
  text: string;
  address?: string | null;
  category: string;
  region?: string | null;
  department?: string | null;
  urgency?: Urgency;
  disposition?: RoutingDisposition;
}

export interface TrainingSet {
  texts: string[];
  y: number[];
  masks: Array<number[] | undefined>;
  items: LabelledItem[];
}

/** Maps examples to label indexes; a direct answer on an unknown or dispatch category counts as the direct-answer category. */
export function prepare(examples: readonly LabelledItem[], directory: Directory, gazetteer: Gazetteer, maskPlaces: boolean, labels: string[]): TrainingSet {
  const direct = directory.categories.find((c) => c.directAnswer)?.path;
  const set: TrainingSet = { texts: [], y: [], masks: [], items: [] };
  for (const e of examples) {
    if (!e.text) continue;
    let category = e.category;
    if (e.disposition === 'direct_answer' && direct && !directory.category(category)?.directAnswer) category = direct;
    const y = labels.indexOf(category);
    if (y < 0) continue;
    set.texts.push(e.text);
    set.y.push(y);
    set.masks.push(maskPlaces ? gazetteer.ranges(e.text) : undefined);
    set.items.push({ ...e, category });
  }
  return set;
}

/**
 * Categories the examples name that the taxonomy does not list, with how many examples name each (a
 * direct answer counts as the direct-answer category, as in training): those examples are not trained on.
 */
export function unknownCategories(examples: readonly LabelledItem[], cfg: Pick<ClassificationConfig, 'taxonomy'>): Map<string, number> {
  const known = new Set(cfg.taxonomy.categories.map((c) => c.path));
  const hasDirect = cfg.taxonomy.categories.some((c) => c.directAnswer);
  const out = new Map<string, number>();
  for (const e of examples) {
    if (known.has(e.category) || (e.disposition === 'direct_answer' && hasDirect)) continue;
    out.set(e.category, (out.get(e.category) ?? 0) + 1);
  }
  return out;
}
