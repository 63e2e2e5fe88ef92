import type { LinearModel } from './model';
import type { NgramBuffer } from './text';

const CAP = 15;
/** Candidates (weight, n-gram index), reused between items. */
const topWeight = new Float64Array(CAP);
const topIndex = new Int32Array(CAP);
const slotOrder = new Int32Array(CAP);

/** The n-grams (2–4 chars) of the last text scored into `buf` that pushed hardest towards label j. */
export function topTermsOf(linear: LinearModel, buf: NgramBuffer, j: number, n = 5): string[] {
  if (j < 0) return [];
  const cap = Math.min(n * 3, CAP);
  const tw = topWeight;
  const ti = topIndex;
  let size = 0;
  let min = 0;
  const lengths = buf.lengths;
  const rows = buf.rows;
  for (let i = 0, count = buf.count; i < count; i++) {
    const row = rows[i];
    if (row < 0 || lengths[i] < 2) continue;
    const w = linear.weightAt(row, j);
    if (w <= 0) continue;
    if (size < cap) {
      tw[size] = w;
      ti[size++] = i;
      if (size === cap) for (let m = 1; m < cap; m++) if (tw[m] < tw[min]) min = m;
      continue;
    }
    // Full: replace the weakest candidate (the first of equals), only when this one is stronger.
    if (w <= tw[min]) continue;
    tw[min] = w;
    ti[min] = i;
    min = 0;
    for (let m = 1; m < cap; m++) if (tw[m] < tw[min]) min = m;
  }
  // Strongest first; equals keep their slot order (a stable insertion sort of the slots, no closure or array per item).
  const order = slotOrder;
  for (let m = 0; m < size; m++) {
    let at = m;
    while (at > 0 && tw[order[at - 1]] < tw[m]) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = m;
  }
  const out: string[] = [];
  for (let r = 0; r < size; r++) {
    const m = order[r];
    const t = buf.term(ti[m]);
    if (t.includes('⌂') || out.some((o) => o.includes(t) || t.includes(o))) continue;
    out.push(t);
    if (out.length >= n) break;
  }
  return out;
}
