import type { CurvePoint } from './router-model';

export function softmaxNll(logits: Float32Array[], y: number[], t: number): number {
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

export interface Scored {
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
export function precisionCoverageCurve(
  scored: ReadonlyArray<{ confidence: number; correct: boolean }>,
  thresholds = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995],
): CurvePoint[] {
  return thresholds.map((threshold) => {
    const sel = scored.filter((s) => s.confidence >= threshold);
    const ok = sel.filter((s) => s.correct).length;
    return { threshold, coverage: r4(sel.length / Math.max(scored.length, 1)), precision: r4(sel.length ? ok / sel.length : 1) };
  });
}

export function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
