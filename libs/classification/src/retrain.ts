import { Classifier } from './classifier';
import type { ClassificationConfig } from './directory';
import { evaluate, shouldReplace } from './evaluation';
import type { EvalMetrics, RouterModelJson } from './router-model';
import type { LabelledItem } from './training-set';
import { trainModel, type TrainOptions } from './training';

/** Deterministic held-back slice: every item whose id (or text) hashes into `share` of the space. */
export function splitHeldBack<T extends { id?: string; text: string }>(items: readonly T[], share = 0.15): { train: T[]; heldBack: T[] } {
  const train: T[] = [];
  const heldBack: T[] = [];
  for (const it of items) {
    const key = it.id ?? it.text;
    let h = 2166136261;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    ((h >>> 0) / 4294967296 < share ? heldBack : train).push(it);
  }
  return { train, heldBack };
}

export interface RetrainResult {
  model: RouterModelJson;
  replace: boolean;
  newMetrics: EvalMetrics;
  oldMetrics: EvalMetrics | null;
}

/**
 * One retraining round (the scheduled job calls this): hold back a slice, train on the rest,
 * measure both models on the slice, and say whether the new one may replace the current one.
 */
export function retrain(
  examples: readonly LabelledItem[],
  current: RouterModelJson | null,
  cfg: ClassificationConfig,
  options: TrainOptions & { heldBackShare?: number } = {},
): RetrainResult {
  const { train, heldBack } = splitHeldBack(examples, options.heldBackShare ?? 0.15);
  const model = trainModel(train, cfg, options);
  const newMetrics = evaluate(new Classifier(model, cfg), heldBack);
  const oldMetrics = current ? evaluate(new Classifier(current, cfg), heldBack) : null;
  return { model, replace: shouldReplace(newMetrics, oldMetrics), newMetrics, oldMetrics };
}
