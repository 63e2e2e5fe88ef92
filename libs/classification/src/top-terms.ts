import type { LinearModel } from './model';
import type { NgramBuffer } from './text';

const CAP = 15;
/** Candidates (weight, n-gram index) by slot, reused between items. */
const topWeight = new Float64Array(CAP);
const topIndex = new Int32Array(CAP);
const slotOrder = new Int32Array(CAP);
/** Accepted terms (n-gram indexes), to compare candidates with before any string is made. */
const accepted = new Int32Array(CAP);

/** A place placeholder (masked place names) in the folded text. */
const PLACE = 0x2302;

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
  // A term inside another one already taken (or holding one) adds nothing; compared on the char codes.
  let taken = 0;
  for (let r = 0; r < size && taken < n; r++) {
    const t = ti[order[r]];
    if (occurs(buf, t, -1) || overlapsTaken(buf, t, taken)) continue;
    accepted[taken++] = t;
  }
  const out: string[] = [];
  for (let r = 0; r < taken; r++) out.push(buf.term(accepted[r]));
  return out;
}

/** Whether n-gram `t` overlaps (holds, or lies in) one of the first `taken` accepted terms. */
function overlapsTaken(buf: NgramBuffer, t: number, taken: number): boolean {
  for (let q = 0; q < taken; q++) {
    const o = accepted[q];
    if (occurs(buf, o, t) || occurs(buf, t, o)) return true;
  }
  return false;
}

/** Whether the chars of n-gram `inner` occur in n-gram `outer` (`inner` −1: the place placeholder). */
function occurs(buf: NgramBuffer, outer: number, inner: number): boolean {
  const codes = buf.codes;
  const os = buf.starts[outer];
  const ol = buf.lengths[outer];
  if (inner < 0) {
    for (let x = 0; x < ol; x++) if (codes[os + x] === PLACE) return true;
    return false;
  }
  const is = buf.starts[inner];
  const il = buf.lengths[inner];
  for (let from = 0; from + il <= ol; from++) {
    let x = 0;
    while (x < il && codes[os + from + x] === codes[is + x]) x++;
    if (x === il) return true;
  }
  return false;
}
