import { Classifier, type Classification } from './classifier';
import { precisionCoverageCurve, r4 } from './calibration';
import { Directory, type ClassificationConfig } from './directory';
import { decisionCorrect, metricsOf, urgencyCurveOf } from './evaluation';
import type { UrgencyCurvePoint } from './urgency-model';
import { duplicateKey, stratifiedFolds } from './folds';
import { Gazetteer } from './gazetteer';
import { trainLinear } from './linear-training';
import type { LinearModel, LinearTrainOptions } from './model';
import type { CurvePoint, EvalMetrics } from './router-model';
import { DEFAULT_LINEAR, trainModel, type TrainOptions } from './training';
import { prepare, type LabelledItem, type TrainingSet } from './training-set';

/** The plain baseline the routing model is compared with: one softmax over character 1–3-grams, its top category routed with the gazetteer's region. */
export const PLAIN_BASELINE: LinearTrainOptions = { maxN: 3, cues: false, prune: 0, minCount: 1 };

/** The plain baseline as a router: trained on labelled items, it names a category and the unit it routes to. */
export class PlainBaseline {
  private readonly labels: string[];
  private readonly out: Float32Array;

  private constructor(
    private readonly linear: LinearModel,
    private readonly directory: Directory,
    private readonly gazetteer: Gazetteer,
  ) {
    this.labels = linear.labels;
    this.out = new Float32Array(this.labels.length);
  }

  static fromExamples(examples: readonly LabelledItem[], cfg: ClassificationConfig): PlainBaseline {
    const directory = new Directory(cfg);
    const gazetteer = new Gazetteer(cfg.regions);
    return PlainBaseline.train(
      prepare(
        examples,
        directory,
        gazetteer,
        true,
        directory.categories.map((c) => c.path),
      ),
      null,
      directory,
      gazetteer,
    );
  }

  static train(set: TrainingSet, bg: TrainingSet | null, directory: Directory, gazetteer: Gazetteer): PlainBaseline {
    const labels = directory.categories.map((c) => c.path);
    const all = bg ? { texts: [...set.texts, ...bg.texts], y: [...set.y, ...bg.y], masks: [...set.masks, ...bg.masks] } : set;
    return new PlainBaseline(trainLinear(all.texts, all.y, labels, all.masks, { ...DEFAULT_LINEAR, ...PLAIN_BASELINE }), directory, gazetteer);
  }

  /** Its top category, and the unit the routing table gives for it in the region the gazetteer finds. */
  decide(text: string, address?: string | null): { category: string; department: string | null } {
    const place = this.gazetteer.resolve(text, address);
    const out = this.linear.scores(text, this.out, this.gazetteer.ranges(text));
    let best = 0;
    for (let j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
    return { category: this.labels[best], department: this.directory.route(this.labels[best], place.region).department ?? null };
  }
}

export interface CrossValidation {
  folds: number;
  /** Metrics of the routing model on the held-out folds (each fold's model trained, calibrated and thresholded without it). */
  metrics: EvalMetrics;
  /** Precision and coverage of `auto` by confidence threshold, over all held-out items. */
  curve: CurvePoint[];
  /** Urgency's precision and recall by threshold, over all held-out items. */
  urgencyCurve: UrgencyCurvePoint[];
  /** The plain baseline on the same folds (category and department accuracy). */
  baseline: Pick<EvalMetrics, 'items' | 'category_accuracy' | 'department_accuracy'>;
}

/**
 * Stratified k-fold evaluation (`hub model eval --folds K`): every item is classified by a model
 * trained (with its own inner folds for calibration and thresholds) on the other folds only, so the
 * figures, auto precision included, are those of items the model has never seen.
 */
export function crossValidate(
  examples: readonly LabelledItem[],
  cfg: ClassificationConfig,
  options: TrainOptions & { outerFolds?: number } = {},
): CrossValidation {
  const directory = new Directory(cfg);
  const gazetteer = new Gazetteer(cfg.regions);
  const labels = directory.categories.map((c) => c.path);
  const items = examples.filter((e) => e.text && labels.includes(e.category));
  const folds = Math.max(2, Math.min(options.outerFolds ?? 5, items.length));
  const fold = stratifiedFolds(
    items.map((e) => labels.indexOf(e.category)),
    folds,
    11,
    items.map((e) => duplicateKey(e.text, gazetteer.ranges(e.text))),
  );
  const bg = prepare(options.background ?? [], directory, gazetteer, true, labels);
  const pairs: Array<{ item: LabelledItem; c: Classification }> = [];
  let baseCat = 0;
  let baseDep = 0;
  for (let f = 0; f < folds; f++) {
    const train = items.filter((_, i) => fold[i] !== f);
    const test = items.filter((_, i) => fold[i] === f);
    if (!train.length || !test.length) continue;
    const classifier = new Classifier(trainModel(train, cfg, options), cfg, { directory, gazetteer });
    for (const item of test) pairs.push({ item, c: classifier.classify({ text: item.text, channel: item.channel, address: item.address }) });
    const plain = PlainBaseline.train(prepare(train, directory, gazetteer, true, labels), bg, directory, gazetteer);
    for (const item of test) {
      const d = plain.decide(item.text, item.address);
      if (d.category === item.category) baseCat++;
      if (d.department === (item.department ?? null)) baseDep++;
    }
  }
  // An item sent to no unit (its category needs a region and none was found) is never auto, whatever its confidence.
  const curve = precisionCoverageCurve(
    pairs.map(({ item, c }) => ({ confidence: c.disposition === 'dispatch' && !c.department ? 0 : c.confidence, correct: decisionCorrect(item, c) })),
  );
  const n = pairs.length;
  return {
    folds,
    metrics: metricsOf(pairs),
    curve,
    urgencyCurve: urgencyCurveOf(pairs),
    baseline: { items: n, category_accuracy: r4(baseCat / Math.max(n, 1)), department_accuracy: r4(baseDep / Math.max(n, 1)) },
  };
}
