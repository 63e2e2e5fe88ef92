import { buildFeatures, trainLinear, type FeatureSet } from './linear-training';
import type { LinearTrainOptions } from './model';
import { duplicateKey, stratifiedFolds } from './folds';
import { r4 } from './calibration';
import type { UrgencyDetector } from './urgency';
import { evidenceVector, sigmoid, URGENCY_CUES, urgencyCurve, type UrgencyModelJson } from './urgency-model';

export interface UrgencyTrainingItem {
  text: string;
  mask?: number[];
  urgent: boolean;
  /** 1 when the item's category has an `urgent_when` (at run time: the probability of such categories). */
  urgentCategory: number;
}

export interface UrgencyTrainOptions {
  folds: number;
  /** Precision the urgent threshold is chosen for (out of fold). */
  targetPrecision?: number;
  /** Recall the suspected threshold keeps (out of fold, urgent and suspected together). */
  suspectedRecall?: number;
}

export interface TrainedUrgency {
  /** Per-row weights over the routing model's rows (its `extra` output) and their bias. */
  extra: Float32Array;
  extraBias: number;
  json: UrgencyModelJson;
  /** Out-of-fold probability of each item. */
  oof: Float64Array;
  /** Out-of-fold text-model logit of each item. */
  logits: Float64Array;
}

const LABELS = ['normal', 'urgent'];

/** Logit of `urgent` of a two-label model. */
function urgentLogit(scores: Float32Array): number {
  return scores[1] - scores[0];
}

/**
 * Trains urgency on labelled items: a text model per fold gives out-of-fold logits, a logistic combination of
 * them with the rule signals and wording cues is fitted on those, thresholds are chosen out of fold, and the text
 * model is trained once more on all items over `rows` (the routing model's features) so it scores in the same pass.
 */
export function trainUrgency(
  items: readonly UrgencyTrainingItem[],
  rows: FeatureSet,
  linear: LinearTrainOptions,
  detector: UrgencyDetector,
  options: UrgencyTrainOptions,
): TrainedUrgency | null {
  const y = items.map((it) => (it.urgent ? 1 : 0));
  const positives = y.filter(Boolean).length;
  if (positives < 5 || items.length - positives < 5) return null;
  const texts = items.map((it) => it.text);
  const masks = items.map((it) => it.mask);
  const folds = Math.max(2, Math.min(options.folds, positives));
  const fold = stratifiedFolds(
    y,
    folds,
    13,
    items.map((it) => duplicateKey(it.text, it.mask ?? [])),
  );
  const logits = new Float64Array(items.length);
  const out = new Float32Array(2);
  for (let f = 0; f < folds; f++) {
    const tr = items.map((_, i) => i).filter((i) => fold[i] !== f);
    const te = items.map((_, i) => i).filter((i) => fold[i] === f);
    if (!tr.length || !te.length) continue;
    const trTexts = tr.map((i) => texts[i]);
    const trMasks = tr.map((i) => masks[i]);
    const fs = buildFeatures(trTexts, trMasks, rows.bits, linear.minCount ?? 1, rows.maxN, rows.cues);
    const m = trainLinear(
      trTexts,
      tr.map((i) => y[i]),
      LABELS,
      trMasks,
      linear,
      fs,
    );
    for (const i of te) logits[i] = urgentLogit(m.scores(texts[i], out, masks[i]));
  }
  const signalNames = detector.names;
  const X = items.map((it, i) =>
    evidenceVector({ textLogit: logits[i], signals: detector.detect(it.text).signals, urgentCategory: it.urgentCategory, text: it.text }, signalNames),
  );
  const w = fitLogistic(X, y, 1);
  const oof = Float64Array.from(X, (x) => {
    let z = w[w.length - 1];
    for (let j = 0; j < x.length; j++) z += w[j] * x[j];
    return sigmoid(z);
  });
  const scored = Array.from(oof, (p, i) => ({ p, urgent: y[i] === 1 }));
  const urgentThreshold = thresholdForPrecision(scored, options.targetPrecision ?? 0.9);
  // The band below the urgent threshold is at least as wide again: text told otherwise than the examples scores lower.
  const suspectedThreshold = Math.min(urgentThreshold / 2, thresholdForRecall(scored, options.suspectedRecall ?? 0.99));

  const full = trainLinear(texts, y, LABELS, masks, linear, rows);
  const extra = new Float32Array(full.buckets.length);
  for (let r = 0; r < extra.length; r++) extra[r] = full.weights[r * 2 + 1] - full.weights[r * 2];
  let j = 1;
  const json: UrgencyModelJson = {
    textWeight: r4(w[0]),
    signals: Object.fromEntries(signalNames.map((s) => [s, r4(w[j++])])),
    cues: Object.fromEntries(URGENCY_CUES.map((c) => [c.name, r4(w[j++])])),
    urgentCategory: r4(w[j++]),
    bias: r4(w[j]),
    urgentThreshold: r4(urgentThreshold),
    suspectedThreshold: r4(suspectedThreshold),
    curve: urgencyCurve(scored),
  };
  return { extra, extraBias: full.bias[1] - full.bias[0], json, oof, logits };
}

/** Lowest threshold whose items reach the precision (the one with the most recall). */
export function thresholdForPrecision(scored: ReadonlyArray<{ p: number; urgent: boolean }>, target: number): number {
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let hit = 0;
  let best = 1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].urgent) hit++;
    if (i + 1 < sorted.length && sorted[i + 1].p === sorted[i].p) continue;
    if (hit / (i + 1) >= target) best = sorted[i].p;
  }
  return best;
}

/** Highest threshold that keeps `target` of the urgent items at or above it. */
export function thresholdForRecall(scored: ReadonlyArray<{ p: number; urgent: boolean }>, target: number): number {
  const urgent = scored
    .filter((s) => s.urgent)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  if (!urgent.length) return 1;
  return urgent[Math.min(urgent.length - 1, Math.ceil(target * urgent.length) - 1)];
}

/** L2-penalised logistic regression by Newton's method; returns weights with the bias last (unpenalised). */
export function fitLogistic(X: readonly Float64Array[], y: readonly number[], l2: number, iterations = 25): Float64Array {
  const d = (X[0]?.length ?? 0) + 1;
  const w = new Float64Array(d);
  const g = new Float64Array(d);
  const H = Array.from({ length: d }, () => new Float64Array(d));
  const row = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    for (const h of H) h.fill(0);
    for (let i = 0; i < X.length; i++) {
      row.set(X[i]);
      row[d - 1] = 1;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * row[j];
      const p = sigmoid(z);
      const r = p - y[i];
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        if (!row[a]) continue;
        g[a] += r * row[a];
        for (let b = 0; b < d; b++) if (row[b]) H[a][b] += s * row[a] * row[b];
      }
    }
    for (let a = 0; a < d - 1; a++) {
      g[a] += l2 * w[a];
      H[a][a] += l2;
    }
    H[d - 1][d - 1] += 1e-6;
    const step = solve(H, g);
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-6) break;
  }
  return w;
}

/** Solves A x = b (Gaussian elimination with partial pivoting; A and b are copied). */
function solve(A: readonly Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const M = A.map((r, i) => {
    const m = new Float64Array(n + 1);
    m.set(r);
    m[n] = b[i];
    return m;
  });
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const piv = M[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / piv;
      if (!f) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / (M[r][r] || 1e-12);
  }
  return x;
}
