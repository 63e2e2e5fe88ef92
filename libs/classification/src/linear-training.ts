import { NgramBuffer } from './text';
import { LinearModel, type LinearTrainOptions, type SparseItem } from './model';

/** Deterministic PRNG (mulberry32) so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(arr: T[], random: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

/** Hashed n-gram features of a training set: rows (buckets kept), idf per row and each item's unit-length tf·idf vector. */
export interface FeatureSet {
  bits: number;
  maxN: number;
  cues: boolean;
  buckets: number[];
  idf: number[];
  unseenIdf: number;
  items: SparseItem[];
}

export function buildFeatures(texts: string[], masks: Array<number[] | undefined>, bits: number, minCount: number, maxN = 3, cues = false): FeatureSet {
  const buf = new NgramBuffer();
  // Bucket document frequencies → rows.
  const df = new Map<number, number>();
  const perItem: Array<Map<number, number>> = texts.map((t, i) => {
    const n = buf.fill(t, bits, masks[i], maxN, cues);
    const counts = new Map<number, number>();
    for (let j = 0; j < n; j++) counts.set(buf.buckets[j], (counts.get(buf.buckets[j]) ?? 0) + 1);
    for (const b of counts.keys()) df.set(b, (df.get(b) ?? 0) + 1);
    return counts;
  });
  const bucketList: number[] = [];
  const idfList: number[] = [];
  const rowOf = new Map<number, number>();
  const docs = texts.length;
  const unseenIdf = Math.log(docs + 1) + 1;
  for (const [b, c] of df) {
    if (c < minCount) continue;
    rowOf.set(b, bucketList.length);
    bucketList.push(b);
    idfList.push(Math.log((docs + 1) / (c + 1)) + 1);
  }
  const items: SparseItem[] = perItem.map((counts) => {
    const rows: number[] = [];
    const vals: number[] = [];
    let norm = 0;
    for (const [b, c] of counts) {
      const r = rowOf.get(b);
      const v = r === undefined ? unseenIdf : idfList[r];
      norm += c * v * v;
      if (r === undefined) continue;
      rows.push(r);
      vals.push(c * v);
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { rows: Int32Array.from(rows), vals: Float32Array.from(vals, (v) => v * scale) };
  });
  return { bits, maxN, cues, buckets: bucketList, idf: idfList, unseenIdf, items };
}

/** Trains softmax regression with AdaGrad on hashed n-grams of `texts` (masks: place ranges per text). */
export function trainLinear(
  texts: string[],
  labelsOf: number[],
  labels: string[],
  masks: Array<number[] | undefined>,
  opts: LinearTrainOptions = {},
  features?: FeatureSet,
): LinearModel {
  const bits = opts.bits ?? 20;
  const epochs = opts.epochs ?? 30;
  const l2 = opts.l2 ?? 1e-5;
  const lr = opts.learningRate ?? 0.5;
  const minCount = opts.minCount ?? 1;
  const k = labels.length;
  const fs = features ?? buildFeatures(texts, masks, bits, minCount, opts.maxN ?? 3, opts.cues ?? false);
  const { items, unseenIdf } = fs;
  const bucketList = fs.buckets;
  const idfList = fs.idf;
  const rows = bucketList.length;
  const w = new Float32Array(rows * k);
  const g2 = new Float32Array(rows * k).fill(1e-8);
  const bias = new Float32Array(k);
  const bg2 = new Float32Array(k).fill(1e-8);
  const p = new Float32Array(k);
  const order = texts.map((_, i) => i);
  const random = rng(opts.seed ?? 1);
  const sgd = (opts.optimizer ?? 'sgd') === 'sgd';
  let wscale = 1;
  let step = 0;
  // Polyak averaging of the weights over the second half of training: steadier on unseen text.
  const avgFrom = Math.floor(epochs / 2);
  const avg = sgd ? new Float32Array(rows * k) : null;
  const avgBias = new Float32Array(k);
  let averaged = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (avg && epoch > avgFrom) {
      for (let i = 0; i < w.length; i++) avg[i] += w[i] * wscale;
      for (let j = 0; j < k; j++) avgBias[j] += bias[j];
      averaged++;
    }
    shuffle(order, random);
    for (const idx of order) {
      const it = items[idx];
      const y = labelsOf[idx];
      for (let j = 0; j < k; j++) p[j] = 0;
      for (let f = 0; f < it.rows.length; f++) {
        const off = it.rows[f] * k;
        const v = it.vals[f];
        for (let j = 0; j < k; j++) p[j] += w[off + j] * v;
      }
      for (let j = 0; j < k; j++) p[j] = p[j] * wscale + bias[j];
      let max = -Infinity;
      for (let j = 0; j < k; j++) if (p[j] > max) max = p[j];
      let sum = 0;
      for (let j = 0; j < k; j++) {
        p[j] = Math.exp(p[j] - max);
        sum += p[j];
      }
      for (let j = 0; j < k; j++) p[j] = p[j] / sum - (j === y ? 1 : 0);
      if (sgd) {
        // Lazy L2: scale factor kept apart so a step costs only the item's features.
        const eta = lr / (1 + lr * l2 * step++);
        wscale *= 1 - eta * l2;
        if (wscale < 1e-6) {
          for (let i = 0; i < w.length; i++) w[i] *= wscale;
          wscale = 1;
        }
        for (let f = 0; f < it.rows.length; f++) {
          const off = it.rows[f] * k;
          const v = (eta * it.vals[f]) / wscale;
          for (let j = 0; j < k; j++) w[off + j] -= p[j] * v;
        }
        for (let j = 0; j < k; j++) bias[j] -= eta * p[j] * 0.1;
        continue;
      }
      for (let f = 0; f < it.rows.length; f++) {
        const off = it.rows[f] * k;
        const v = it.vals[f];
        for (let j = 0; j < k; j++) {
          const g = p[j] * v + l2 * w[off + j];
          g2[off + j] += g * g;
          w[off + j] -= (lr * g) / Math.sqrt(g2[off + j]);
        }
      }
      for (let j = 0; j < k; j++) {
        bg2[j] += p[j] * p[j];
        bias[j] -= (lr * p[j]) / Math.sqrt(bg2[j]);
      }
    }
  }
  if (wscale !== 1) for (let i = 0; i < w.length; i++) w[i] *= wscale;
  if (avg && averaged > 0) {
    for (let i = 0; i < w.length; i++) avg[i] = (avg[i] + w[i]) / (averaged + 1);
    for (let j = 0; j < k; j++) bias[j] = (avgBias[j] + bias[j]) / (averaged + 1);
    return new LinearModel(bits, labels, Int32Array.from(bucketList), avg, Float32Array.from(idfList), unseenIdf, bias, fs.maxN, fs.cues);
  }
  return new LinearModel(bits, labels, Int32Array.from(bucketList), w, Float32Array.from(idfList), unseenIdf, bias, fs.maxN, fs.cues);
}

/** A · a + B · b for two models over the same rows (one scoring pass gives the ensemble's logits). */
export function blendLinear(a: LinearModel, wa: number, b: LinearModel, wb: number): LinearModel {
  if (a.buckets.length !== b.buckets.length || a.k !== b.k) throw new Error('models to blend must share their rows and labels');
  const w = new Float32Array(a.weights.length);
  for (let i = 0; i < w.length; i++) w[i] = wa * a.weights[i] + wb * b.weights[i];
  const bias = Float32Array.from(a.bias, (v, j) => wa * v + wb * b.bias[j]);
  return new LinearModel(a.bits, a.labels, a.buckets, w, a.idf, a.unseenIdf, bias, a.maxN, a.cues);
}

/** A model over groups turned into one over labels: label j takes the weights of its group `groupOf[j]`. */
export function expandLabels(m: LinearModel, labels: string[], groupOf: ArrayLike<number>): LinearModel {
  const k = labels.length;
  const rows = m.buckets.length;
  const w = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) w[r * k + j] = m.weights[r * m.k + groupOf[j]];
  const bias = Float32Array.from(labels, (_, j) => m.bias[groupOf[j]]);
  return new LinearModel(m.bits, labels, m.buckets, w, m.idf, m.unseenIdf, bias, m.maxN, m.cues);
}

/** The model with weights under `eps` (absolute value) set to zero. */
export function pruneLinear(m: LinearModel, eps: number): LinearModel {
  if (!(eps > 0)) return m;
  const w = Float32Array.from(m.weights, (v) => (Math.abs(v) < eps ? 0 : v));
  return new LinearModel(m.bits, m.labels, m.buckets, w, m.idf, m.unseenIdf, m.bias, m.maxN, m.cues);
}
