import type { LinearModel } from './model';
import type { NgramBuffer } from './text';

const CAP = 15;
/** Candidates (weight, n-gram index) by slot, reused between items. */
const topWeight = new Float64Array(CAP);
const topIndex = new Int32Array(CAP);
const slotOrder = new Int32Array(CAP);
const slotHeap = new Int32Array(CAP);
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
  const weights = linear.labelWeights(buf, j, 2);
  // Once every slot is taken, the slots form a min-heap by (weight, slot): its top is the weakest candidate (the first
  // slot of equals), which a stronger one replaces.
  const heap = slotHeap;
  for (let i = 0, count = buf.count; i < count; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    if (size < cap) {
      tw[size] = w;
      ti[size++] = i;
      if (size === cap) {
        for (let m = 0; m < cap; m++) heap[m] = m;
        for (let at = (cap >> 1) - 1; at >= 0; at--) siftDown(heap, tw, at, cap);
      }
      continue;
    }
    const min = heap[0];
    if (w <= tw[min]) continue;
    tw[min] = w;
    ti[min] = i;
    siftDown(heap, tw, 0, cap);
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

/** Restores the heap order (by weight, then slot) below `at`. */
function siftDown(heap: Int32Array, tw: Float64Array, at: number, size: number): void {
  const x = heap[at];
  const wx = tw[x];
  for (;;) {
    let c = 2 * at + 1;
    if (c >= size) break;
    let sc = heap[c];
    let wc = tw[sc];
    if (c + 1 < size) {
      const sr = heap[c + 1];
      const wr = tw[sr];
      if (wr < wc || (wr === wc && sr < sc)) {
        c++;
        sc = sr;
        wc = wr;
      }
    }
    if (wx < wc || (wx === wc && x < sc)) break;
    heap[at] = sc;
    at = c;
  }
  heap[at] = x;
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
