import type { Urgency } from '@hub/domain';
import { Classifier, type Classification } from './classifier';
import { Directory, type ClassificationConfig } from './directory';
import { Gazetteer } from './gazetteer';
import { blendLinear, buildFeatures, expandLabels, pruneLinear, trainLinear, rng, shuffle, type LinearModel, type LinearTrainOptions } from './model';
import type { CurvePoint, EvalMetrics, RouterModelJson } from './router-model';
import { requestClauses } from './text';
import { UnitMentions } from './unit-mentions';
import { UrgencyDetector } from './urgency';

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
  disposition?: 'dispatch' | 'direct_answer';
}

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

export const DEFAULT_LINEAR: Required<Pick<LinearTrainOptions, 'bits' | 'epochs' | 'l2' | 'learningRate' | 'optimizer' | 'minCount' | 'maxN' | 'prune' | 'cues'>> = {
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

export interface TrainingSet {
  texts: string[];
  y: number[];
  masks: Array<number[] | undefined>;
  items: LabelledItem[];
}

/** Maps examples to label indexes; a direct answer on an unknown or dispatch category counts as the direct-answer category. */
function prepare(examples: readonly LabelledItem[], directory: Directory, gazetteer: Gazetteer, maskPlaces: boolean, labels: string[]): TrainingSet {
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

/**
 * Stratified fold of each item (round-robin inside each category, after a seeded shuffle). Items with
 * the same `groups` key share a fold: a text seen in training must not be scored as if it were new.
 */
export function stratifiedFolds(y: readonly number[], folds: number, seed = 7, groups?: readonly string[]): number[] {
  const order = shuffle(y.map((_, i) => i), rng(seed));
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

function softmaxNll(logits: Float32Array[], y: number[], t: number): number {
  let nll = 0;
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i];
    let max = -Infinity;
    for (const v of l) if (v > max) max = v;
    let sum = 0;
    for (const v of l) sum += Math.exp((v - max) / t);
    nll -= (l[y[i]] - max) / t - Math.log(sum);
  }
  return nll / Math.max(logits.length, 1);
}

/** Temperature minimising held-out negative log-likelihood (golden-section search on log T). */
export function fitTemperature(logits: Float32Array[], y: number[]): number {
  if (!logits.length) return 1;
  let a = Math.log(0.02);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (softmaxNll(logits, y, Math.exp(c)) < softmaxNll(logits, y, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

interface Scored {
  confidence: number;
  correct: boolean;
  category: string;
}

/** Lowest threshold whose auto items reach the precision (with one error forgiven per `slack` items). */
export function chooseThreshold(scored: readonly Scored[], target: number): number {
  const sorted = [...scored].sort((a, b) => b.confidence - a.confidence);
  let ok = 0;
  let best = 1.0001;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) ok++;
    const next = sorted[i + 1];
    if (next && next.confidence === sorted[i].confidence) continue;
    if (ok / (i + 1) >= target) best = sorted[i].confidence;
  }
  return best;
}

/** Precision and coverage of `auto` at a range of thresholds. */
export function precisionCoverageCurve(scored: ReadonlyArray<{ confidence: number; correct: boolean }>, thresholds = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995]): CurvePoint[] {
  return thresholds.map((threshold) => {
    const sel = scored.filter((s) => s.confidence >= threshold);
    const ok = sel.filter((s) => s.correct).length;
    return { threshold, coverage: r4(sel.length / Math.max(scored.length, 1)), precision: r4(sel.length ? ok / sel.length : 1) };
  });
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function versionName(now: Date): string {
  return 'v' + now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z') + '-' + Math.floor(rng(now.getTime() >>> 0)() * 0xffff).toString(16).padStart(4, '0');
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
    throw new Error(`the examples cover ${trainedCategories} category of taxonomy.yaml (${labels.length} listed): a model needs at least 2; check the examples are labelled with this city's categories`);
  }
  const linearOpts = { ...DEFAULT_LINEAR, ...options.linear };
  const folds = Math.max(2, Math.min(options.folds ?? 5, set.texts.length));
  const target = options.targetPrecision ?? 0.99;
  const now = options.now ?? new Date();
  const version = options.version ?? versionName(now);

  const fold = stratifiedFolds(set.y, folds, 7, set.texts.map((t, i) => duplicateKey(t, set.masks[i] ?? gazetteer.ranges(t))));
  const unitKeys: string[] = [];
  const unitOf = Int32Array.from(labels, (c) => {
    const key = directory.routeKey(c, null);
    if (!unitKeys.includes(key)) unitKeys.push(key);
    return unitKeys.indexOf(key);
  });
  const fixedUnit = options.unitHead?.weight;
  const useUnit = fixedUnit !== 0;
  const fit = (idx: number[]): { lr: LinearModel; unit: LinearModel | null } => {
    const texts = [...idx.map((i) => set.texts[i]), ...bg.texts];
    const y = [...idx.map((i) => set.y[i]), ...bg.y];
    const masks = [...idx.map((i) => set.masks[i]), ...bg.masks];
    const fs = buildFeatures(texts, masks, linearOpts.bits, linearOpts.minCount, linearOpts.maxN, linearOpts.cues);
    const unit = useUnit ? pruneLinear(expandLabels(trainLinear(texts, y.map((c) => unitOf[c]), unitKeys, masks, linearOpts, fs), labels, unitOf), linearOpts.prune) : null;
    return { lr: pruneLinear(trainLinear(texts, y, labels, masks, linearOpts, fs), linearOpts.prune), unit };
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
  let unitWeight = useUnit ? fixedUnit ?? 0 : 0;
  if (useUnit && fixedUnit == null) {
    let best = Infinity;
    for (const w of [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2]) {
      const logits = blend(w);
      const nll = softmaxNll(logits, haveY, fitTemperature(logits, haveY));
      if (nll < best - 1e-6) { best = nll; unitWeight = w; }
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
  const withBonus = (bonus: number) => have.map((i, n) => {
    if (!bonus || !mentioned[n].length) return oofLogits[i];
    const l = Float32Array.from(oofLogits[i]);
    for (const j of mentioned[n]) l[j] += bonus;
    return l;
  });
  const fixedBonus = options.unitMentions?.bonus;
  let unitMentionBonus = mentions.useful ? fixedBonus ?? 0 : 0;
  if (mentions.useful && fixedBonus == null && mentioned.some((m) => m.length)) {
    let best = Infinity;
    for (const b of [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12]) {
      const logits = withBonus(b);
      const nll = softmaxNll(logits, haveY, fitTemperature(logits, haveY));
      if (nll < best - 1e-6) { best = nll; unitMentionBonus = b; }
    }
  }
  const temperature = fitTemperature(withBonus(unitMentionBonus), haveY);

  // Out-of-fold decisions through the real decision path, with a model stub returning the OOF logits.
  const draft = (linear: RouterModelJson['linear'], autoThreshold: number, categoryThresholds: Record<string, number>): RouterModelJson => ({
    format: 'hub-router/1', version, createdAt: now.toISOString(), maskPlaces, linear, temperature, unitMentionBonus, autoThreshold, categoryThresholds,
    targetPrecision: target, trainedOn: { items: set.texts.length + bg.texts.length, categories: new Set([...set.y, ...bg.y]).size, sources: options.sources }, metrics: null, curve: [],
    options: { ...linearOpts, folds, unitWeight },
  });
  const emptyLinear = { bits: 4, labels, buckets: '', weights: '', idf: '', unseenIdf: 1, bias: labels.map(() => 0) };
  const oofClassifier = new Classifier(draft(emptyLinear, 0, {}), cfg, { directory, gazetteer, urgency });
  const oof: Array<{ item: LabelledItem; c: Classification }> = [];
  for (const i of have) {
    const logits = oofLogits[i];
    (oofClassifier.linear as unknown as { scores: (t: string, out: Float32Array) => Float32Array }).scores = (_t, out) => { out.set(logits); return out; };
    oof.push({ item: set.items[i], c: oofClassifier.classify({ text: set.texts[i], channel: set.items[i].channel, address: set.items[i].address }) });
  }
  options.onOutOfFold?.(oof);
  const scored: Scored[] = oof.filter(({ c }) => c.auto).map(({ item, c }) => ({ confidence: c.confidence, correct: decisionCorrect(item, c), category: c.category }));
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

  const all = fit(set.texts.map((_, i) => i));
  const final = combine(all);
  return { ...draft(final.toJSON(), r4(autoThreshold), categoryThresholds), metrics, curve };
}

/** Department and disposition right: what `auto` must get right. */
export function decisionCorrect(item: LabelledItem, c: Pick<Classification, 'department' | 'disposition'>): boolean {
  const disposition = item.disposition ?? (item.department ? 'dispatch' : 'direct_answer');
  return c.disposition === disposition && (disposition === 'direct_answer' || c.department === (item.department ?? null));
}

/** Metrics of classifications against labels (`hub model eval`). */
export function metricsOf(pairs: ReadonlyArray<{ item: LabelledItem; c: Classification }>): EvalMetrics {
  const n = pairs.length;
  let cat = 0, dep = 0, reg = 0, urgentTrue = 0, urgentPred = 0, urgentHit = 0, auto = 0, autoOk = 0;
  for (const { item, c } of pairs) {
    if (c.category === item.category) cat++;
    if ((c.department ?? null) === (item.department ?? null)) dep++;
    if ((c.region ?? null) === (item.region ?? null)) reg++;
    const u = item.urgency === 'urgent';
    if (u) urgentTrue++;
    if (c.urgency === 'urgent') { urgentPred++; if (u) urgentHit++; }
    if (c.auto) { auto++; if (decisionCorrect(item, c)) autoOk++; }
  }
  const f = (a: number, b: number, empty = 0) => (b ? r4(a / b) : empty);
  return {
    items: n,
    category_accuracy: f(cat, n),
    department_accuracy: f(dep, n),
    region_accuracy: f(reg, n),
    urgent_recall: f(urgentHit, urgentTrue, 1),
    urgent_precision: f(urgentHit, urgentPred, 1),
    auto_precision: f(autoOk, auto, 1),
    auto_coverage: f(auto, n),
  };
}

/** Classifies labelled items and measures the result. */
export function evaluate(classifier: Classifier, items: readonly LabelledItem[]): EvalMetrics & { curve: CurvePoint[] } {
  const pairs = items.map((item) => ({ item, c: classifier.classify({ text: item.text, channel: item.channel, address: item.address }) }));
  const curve = precisionCoverageCurve(pairs.map(({ item, c }) => ({ confidence: c.confidence, correct: decisionCorrect(item, c) })));
  return { ...metricsOf(pairs), curve };
}

/**
 * The gate for retraining: a new model replaces the old only if it is not worse on the same
 * held-back slice (department accuracy, and auto precision unless it auto-handles nothing).
 */
export function shouldReplace(next: EvalMetrics, current: EvalMetrics | null | undefined, tolerance = 0): boolean {
  if (!current || !current.items) return true;
  if (next.department_accuracy + tolerance < current.department_accuracy) return false;
  if (next.auto_coverage > 0 && current.auto_coverage > 0 && next.auto_precision + tolerance < current.auto_precision) return false;
  if (next.urgent_recall + tolerance < current.urgent_recall) return false;
  return true;
}

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
export function retrain(examples: readonly LabelledItem[], current: RouterModelJson | null, cfg: ClassificationConfig, options: TrainOptions & { heldBackShare?: number } = {}): RetrainResult {
  const { train, heldBack } = splitHeldBack(examples, options.heldBackShare ?? 0.15);
  const model = trainModel(train, cfg, options);
  const newMetrics = evaluate(new Classifier(model, cfg), heldBack);
  const oldMetrics = current ? evaluate(new Classifier(current, cfg), heldBack) : null;
  return { model, replace: shouldReplace(newMetrics, oldMetrics), newMetrics, oldMetrics };
}

/** The plain baseline the routing model is compared with: one softmax over character 1–3-grams, its top category routed with the gazetteer's region. */
export const PLAIN_BASELINE: LinearTrainOptions = { maxN: 3, cues: false, prune: 0, minCount: 1 };

/** The plain baseline as a router: trained on labelled items, it names a category and the unit it routes to. */
export class PlainBaseline {
  private readonly labels: string[];
  private readonly out: Float32Array;

  private constructor(private readonly linear: LinearModel, private readonly directory: Directory, private readonly gazetteer: Gazetteer) {
    this.labels = linear.labels;
    this.out = new Float32Array(this.labels.length);
  }

  static fromExamples(examples: readonly LabelledItem[], cfg: ClassificationConfig): PlainBaseline {
    const directory = new Directory(cfg);
    const gazetteer = new Gazetteer(cfg.regions);
    return PlainBaseline.train(prepare(examples, directory, gazetteer, true, directory.categories.map((c) => c.path)), null, directory, gazetteer);
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
  /** The plain baseline on the same folds (category and department accuracy). */
  baseline: Pick<EvalMetrics, 'items' | 'category_accuracy' | 'department_accuracy'>;
}

/**
 * Stratified k-fold evaluation (`hub model eval --folds K`): every item is classified by a model
 * trained (with its own inner folds for calibration and thresholds) on the other folds only, so the
 * figures, auto precision included, are those of items the model has never seen.
 */
export function crossValidate(examples: readonly LabelledItem[], cfg: ClassificationConfig, options: TrainOptions & { outerFolds?: number } = {}): CrossValidation {
  const directory = new Directory(cfg);
  const gazetteer = new Gazetteer(cfg.regions);
  const labels = directory.categories.map((c) => c.path);
  const items = examples.filter((e) => e.text && labels.includes(e.category));
  const folds = Math.max(2, Math.min(options.outerFolds ?? 5, items.length));
  const fold = stratifiedFolds(items.map((e) => labels.indexOf(e.category)), folds, 11, items.map((e) => duplicateKey(e.text, gazetteer.ranges(e.text))));
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
  const curve = precisionCoverageCurve(pairs.map(({ item, c }) => ({ confidence: c.disposition === 'dispatch' && !c.department ? 0 : c.confidence, correct: decisionCorrect(item, c) })));
  const n = pairs.length;
  return { folds, metrics: metricsOf(pairs), curve, baseline: { items: n, category_accuracy: r4(baseCat / Math.max(n, 1)), department_accuracy: r4(baseDep / Math.max(n, 1)) } };
}
