import { Classifier, type Classification } from './classifier';
import { Directory, type ClassificationConfig } from './directory';
import { Gazetteer } from './gazetteer';
import { blendLinear, buildFeatures, expandLabels, pruneLinear, trainLinear, rng, type FeatureSet } from './linear-training';
import type { LinearModel, LinearTrainOptions } from './model';
import type { RouterModelJson } from './router-model';
import { requestClauses } from './text';
import { UnitMentions } from './unit-mentions';
import { UrgencyDetector } from './urgency';
import { chooseThreshold, fitTemperature, precisionCoverageCurve, r4, softmaxNll, type Scored } from './calibration';
import { decisionCorrect, metricsOf } from './evaluation';
import { duplicateKey, stratifiedFolds } from './folds';
import { prepare, type LabelledItem } from './training-set';
import { trainUrgency } from './urgency-training';

export type { LabelledItem, TrainingSet } from './training-set';

/** The urgency text model: stronger L2 than routing (few urgent examples; it must hold on text told otherwise). */
export const URGENCY_LINEAR: LinearTrainOptions = { l2: 1e-4 };

export interface TrainOptions {
  /** Folds for out-of-fold calibration and threshold choice (≥ 2). */
  folds?: number;
  /** Precision `auto` is meant to have (department and disposition right). */
  targetPrecision?: number;
  /** Mask place names out of the model's features (default true: the gazetteer places items). */
  maskPlaces?: boolean;
  linear?: LinearTrainOptions;
  /**
   * A second logistic head that predicts the unit (categories sharing a unit pooled), blended into
   * the category logits: its weight (null: chosen on out-of-fold likelihood; 0: none).
   */
  unitHead?: { weight?: number | null };
  /** Bonus to the categories of a unit the request names (see unit-mentions.ts): null or absent: fitted out of fold; 0: none. */
  unitMentions?: { bonus?: number | null };
  version?: string;
  now?: Date;
  /** Names of the files or origins the examples came from (kept in the model for the record). */
  sources?: string[];
  /** Examples used for training in every fold but never scored (e.g. the shipped examples next to an operator's file). */
  background?: readonly LabelledItem[];
  /** Receives the out-of-fold classifications (for error analysis and reports). */
  onOutOfFold?: (pairs: ReadonlyArray<{ item: LabelledItem; c: Classification }>) => void;
}

export const DEFAULT_LINEAR: Required<
  Pick<LinearTrainOptions, 'bits' | 'epochs' | 'l2' | 'learningRate' | 'optimizer' | 'minCount' | 'maxN' | 'prune' | 'cues'>
> = {
  // Most weights are tiny: dropping them (measured out of fold) makes scoring several times faster.
  prune: 0.05,
  // 4-grams (物业公司, 劳动合同) add whole terms: steadier confidence, more auto at the same precision.
  maxN: 4,
  // The request clause (希望医保部门…, 询问教育部门…) names the unit people want: its n-grams count again on their own.
  cues: true,
  bits: 20,
  epochs: 20,
  l2: 1e-5,
  learningRate: 5,
  optimizer: 'sgd',
  // N-grams seen in one item only are dropped: a model a fifth the size, same accuracy.
  minCount: 2,
};

function versionName(now: Date): string {
  return (
    'v' +
    now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z') +
    '-' +
    Math.floor(rng(now.getTime() >>> 0)() * 0xffff)
      .toString(16)
      .padStart(4, '0')
  );
}

/**
 * Trains a routing model from labelled examples: k-fold out-of-fold predictions fit the temperature
 * and choose the auto thresholds (and give honest metrics), then the model is trained on everything.
 */
export function trainModel(examples: readonly LabelledItem[], cfg: ClassificationConfig, options: TrainOptions = {}): RouterModelJson {
  const directory = new Directory(cfg);
  const gazetteer = new Gazetteer(cfg.regions);
  const urgency = new UrgencyDetector(cfg.urgency ?? { signals: [] });
  const maskPlaces = options.maskPlaces ?? true;
  const labels = directory.categories.map((c) => c.path);
  const set = prepare(examples, directory, gazetteer, maskPlaces, labels);
  const bg = prepare(options.background ?? [], directory, gazetteer, maskPlaces, labels);
  if (set.texts.length < 2) throw new Error(`too few usable training examples (${set.texts.length}); categories must match taxonomy.yaml`);
  const trainedCategories = new Set([...set.y, ...bg.y]).size;
  if (trainedCategories < 2) {
    throw new Error(
      `the examples cover ${trainedCategories} category of taxonomy.yaml (${labels.length} listed): a model needs at least 2; check the examples are labelled with this city's categories`,
    );
  }
  const linearOpts = { ...DEFAULT_LINEAR, ...options.linear };
  const folds = Math.max(2, Math.min(options.folds ?? 5, set.texts.length));
  const target = options.targetPrecision ?? 0.99;
  const now = options.now ?? new Date();
  const version = options.version ?? versionName(now);

  const fold = stratifiedFolds(
    set.y,
    folds,
    7,
    set.texts.map((t, i) => duplicateKey(t, set.masks[i] ?? gazetteer.ranges(t))),
  );
  const unitKeys: string[] = [];
  const unitOf = Int32Array.from(labels, (c) => {
    const key = directory.routeKey(c, null);
    if (!unitKeys.includes(key)) unitKeys.push(key);
    return unitKeys.indexOf(key);
  });
  const fixedUnit = options.unitHead?.weight;
  const useUnit = fixedUnit !== 0;
  const fit = (idx: number[]): { lr: LinearModel; unit: LinearModel | null; fs: FeatureSet } => {
    const texts = [...idx.map((i) => set.texts[i]), ...bg.texts];
    const y = [...idx.map((i) => set.y[i]), ...bg.y];
    const masks = [...idx.map((i) => set.masks[i]), ...bg.masks];
    const fs = buildFeatures(texts, masks, linearOpts.bits, linearOpts.minCount, linearOpts.maxN, linearOpts.cues);
    const unit = useUnit
      ? pruneLinear(
          expandLabels(
            trainLinear(
              texts,
              y.map((c) => unitOf[c]),
              unitKeys,
              masks,
              linearOpts,
              fs,
            ),
            labels,
            unitOf,
          ),
          linearOpts.prune,
        )
      : null;
    return { lr: pruneLinear(trainLinear(texts, y, labels, masks, linearOpts, fs), linearOpts.prune), unit, fs };
  };
  const lrLogits: Float32Array[] = new Array(set.texts.length);
  const unitLogits: Float32Array[] = new Array(set.texts.length);
  const foldModels: Array<{ m: ReturnType<typeof fit>; te: number[] }> = [];
  for (let f = 0; f < folds; f++) {
    const tr = set.texts.map((_, i) => i).filter((i) => fold[i] !== f);
    const te = set.texts.map((_, i) => i).filter((i) => fold[i] === f);
    if (!te.length || !tr.length) continue;
    const m = fit(tr);
    foldModels.push({ m, te });
    for (const i of te) {
      lrLogits[i] = Float32Array.from(m.lr.scores(set.texts[i], new Float32Array(labels.length), set.masks[i]));
      if (m.unit) unitLogits[i] = Float32Array.from(m.unit.scores(set.texts[i], new Float32Array(labels.length), set.masks[i]));
    }
  }
  const have = lrLogits.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
  const haveY = have.map((i) => set.y[i]);
  const blend = (wUnit: number) => have.map((i) => (wUnit ? Float32Array.from(lrLogits[i], (v, j) => v + wUnit * unitLogits[i][j]) : lrLogits[i]));
  // The unit head's weight: the one whose blend (after its own temperature) fits held-out labels best.
  let unitWeight = useUnit ? (fixedUnit ?? 0) : 0;
  if (useUnit && fixedUnit == null) {
    let best = Infinity;
    for (const w of [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2]) {
      const logits = blend(w);
      const nll = softmaxNll(logits, haveY, fitTemperature(logits, haveY));
      if (nll < best - 1e-6) {
        best = nll;
        unitWeight = w;
      }
    }
  }
  // The blended model is pruned again (most unit-head weights are small once scaled): half the weights and
  // half the model file, the same k-fold figures. Out-of-fold logits come from the same kind of model.
  const combine = (m: ReturnType<typeof fit>) => (m.unit && unitWeight ? pruneLinear(blendLinear(m.lr, 1, m.unit, unitWeight), linearOpts.prune) : m.lr);
  const oofLogits: Float32Array[] = new Array(set.texts.length);
  for (const { m, te } of foldModels) {
    const model = combine(m);
    for (const i of te) oofLogits[i] = Float32Array.from(model.scores(set.texts[i], new Float32Array(labels.length), set.masks[i]));
  }
  // Units named in the request: the bonus whose logits (after their own temperature) fit held-out labels best.
  const mentions = new UnitMentions(labels.map((c) => directory.category(c)?.unit ?? null));
  const mentioned = have.map((i) => {
    mentions.find(set.texts[i], requestClauses(set.texts[i]));
    return Array.from(mentions.found.subarray(0, mentions.count));
  });
  const withBonus = (bonus: number) =>
    have.map((i, n) => {
      if (!bonus || !mentioned[n].length) return oofLogits[i];
      const l = Float32Array.from(oofLogits[i]);
      for (const j of mentioned[n]) l[j] += bonus;
      return l;
    });
  const fixedBonus = options.unitMentions?.bonus;
  let unitMentionBonus = mentions.useful ? (fixedBonus ?? 0) : 0;
  if (mentions.useful && fixedBonus == null && mentioned.some((m) => m.length)) {
    let best = Infinity;
    for (const b of [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12]) {
      const logits = withBonus(b);
      const nll = softmaxNll(logits, haveY, fitTemperature(logits, haveY));
      if (nll < best - 1e-6) {
        best = nll;
        unitMentionBonus = b;
      }
    }
  }
  const temperature = fitTemperature(withBonus(unitMentionBonus), haveY);

  // The final routing model, and urgency trained over its rows (scored in the same pass, as its extra output).
  const all = fit(set.texts.map((_, i) => i));
  let final = combine(all);
  const urgentCategory = (y: number) => (directory.category(labels[y])?.urgentWhen ? 1 : 0);
  const urgencyItems = [set, bg].flatMap((s) =>
    s.items.map((it, i) => ({ text: s.texts[i], mask: s.masks[i], urgent: it.urgency === 'urgent', urgentCategory: urgentCategory(s.y[i]) })),
  );
  const urgent = trainUrgency(urgencyItems, all.fs, { ...linearOpts, ...URGENCY_LINEAR }, urgency, { folds });
  if (urgent) final = final.withExtra(urgent.extra, urgent.extraBias);

  // Out-of-fold decisions through the real decision path, with a model stub returning the OOF logits.
  const draft = (linear: RouterModelJson['linear'], autoThreshold: number, categoryThresholds: Record<string, number>): RouterModelJson => ({
    format: 'hub-router/1',
    version,
    createdAt: now.toISOString(),
    maskPlaces,
    linear,
    temperature,
    unitMentionBonus,
    autoThreshold,
    categoryThresholds,
    targetPrecision: target,
    trainedOn: { items: set.texts.length + bg.texts.length, categories: new Set([...set.y, ...bg.y]).size, sources: options.sources },
    metrics: null,
    curve: [],
    options: { ...linearOpts, folds, unitWeight },
    ...(urgent ? { urgency: urgent.json } : {}),
  });
  const emptyLinear = { bits: 4, labels, buckets: '', weights: '', idf: '', unseenIdf: 1, bias: labels.map(() => 0) };
  const oofClassifier = new Classifier(draft(emptyLinear, 0, {}), cfg, { directory, gazetteer, urgency });
  const oof: Array<{ item: LabelledItem; c: Classification }> = [];
  for (const i of have) {
    const logits = oofLogits[i];
    const stub = oofClassifier.linear as unknown as { scores: (t: string, out: Float32Array) => Float32Array; extraScore: number };
    stub.scores = (_t, out) => {
      out.set(logits);
      stub.extraScore = urgent ? urgent.logits[i] : 0;
      return out;
    };
    oof.push({ item: set.items[i], c: oofClassifier.classify({ text: set.texts[i], channel: set.items[i].channel, address: set.items[i].address }) });
  }
  options.onOutOfFold?.(oof);
  const scored: Scored[] = oof
    .filter(({ c }) => c.auto)
    .map(({ item, c }) => ({ confidence: c.confidence, correct: decisionCorrect(item, c), category: c.category }));
  const autoThreshold = Math.max(0.5, chooseThreshold(scored, target));
  const categoryThresholds: Record<string, number> = {};
  for (const cat of labels) {
    const mine = scored.filter((s) => s.category === cat && s.confidence >= autoThreshold);
    if (mine.length < 5) continue;
    const ok = mine.filter((s) => s.correct).length;
    if (ok / mine.length >= target) continue;
    categoryThresholds[cat] = Math.min(1.0001, Math.max(autoThreshold, chooseThreshold(mine, target)));
  }
  const thresholdOf = (cat: string) => Math.max(autoThreshold, categoryThresholds[cat] ?? 0);
  const metrics = metricsOf(oof.map(({ item, c }) => ({ item, c: { ...c, auto: c.auto && c.confidence >= thresholdOf(c.category) } })));
  const curve = precisionCoverageCurve(oof.map(({ item, c }) => ({ confidence: c.auto ? c.confidence : 0, correct: decisionCorrect(item, c) })));

  return { ...draft(final.toJSON(), r4(autoThreshold), categoryThresholds), metrics, curve };
}
