/**
 * Lean text features: character 1–3- (or 1–4-) grams hashed into a fixed space, computed straight from char
 * codes into reusable typed arrays (no per-item strings or objects: classification runs at tens of
 * thousands of items per second).
 */
import { RegexGate } from './regex-gate';

/** Folds a char code: full-width ASCII → ASCII, A–Z → a–z, digits and masks (*) → '0', whitespace → -1 (skipped). */
export function foldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 48 && c <= 57) || c === 42) return 48;
  if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0x3000 || c === 0xa0) return -1;
  return c;
}

/** Normalised text as the model sees it (used to show top terms and for similarity). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(text.charCodeAt(i));
    if (c >= 0) out += String.fromCharCode(c);
  }
  return out;
}

const SEED1 = 0x9e3779b1;
const SEED2 = 0x85ebca77;
const SEED3 = 0xc2b2ae3d;
const SEED4 = 0x27d4eb2f;
const SEED_CUE2 = 0x165667b1;
const SEED_CUE3 = 0xd3a2646c;

/**
 * Words that open the caller's request (希望…, 请求…, 询问…). The clause they open is where people name
 * the unit or the service they want, so its n-grams also count as separate "request" features.
 */
const REQUEST_OPENER = /希望|请求|要求|恳请|恳求|建议|督促|呼吁|询问|咨询|请问|想问|盼/g;
/** Skips the opener pattern on text that holds none of its words. */
const OPENER_GATE = new RegexGate([REQUEST_OPENER]);
const CLAUSE_END = /[。！？!?；;\n]/g;
const CLAUSE_MAX = 40;

/** [from, to) ranges of request clauses in `text` (opener to the end of its sentence, at most CLAUSE_MAX chars). */
export function requestClauses(text: string): number[] {
  const out: number[] = [];
  OPENER_GATE.select(text);
  if (!OPENER_GATE.may(0)) return out;
  REQUEST_OPENER.lastIndex = 0;
  for (let m = REQUEST_OPENER.exec(text); m; m = REQUEST_OPENER.exec(text)) {
    const from = m.index;
    if (out.length && from < out[out.length - 1]) continue;
    CLAUSE_END.lastIndex = from;
    const end = CLAUSE_END.exec(text);
    const to = Math.min(end ? end.index : text.length, from + CLAUSE_MAX);
    out.push(from, to);
    REQUEST_OPENER.lastIndex = to;
  }
  return out;
}

function mix(h: number, c: number): number {
  h = Math.imul(h ^ c, 0x01000193);
  return h ^ (h >>> 15);
}

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const NO_CLAUSES: number[] = [];

/** N-grams per char at most: 1–4-grams and request-clause 2–3-grams. */
const PER_CHAR = 6;

/** A reusable buffer for one item's n-grams: hashed bucket, start offset (in folded text) and length. */
export class NgramBuffer {
  buckets: Int32Array;
  starts: Int32Array;
  lengths: Uint8Array;
  codes: Int32Array;
  /** 1 where the folded char lies in a request clause. */
  cue: Uint8Array;
  /** Where the scorer found each n-gram's weights (-1: not in the model). */
  rows: Int32Array;
  /** The scorer's per-n-gram scratch (idf of each n-gram found). */
  values: Float64Array;
  count = 0;
  /** Request clauses of the last text filled with `cues` ([from, to) pairs in the text; empty without cues). */
  clauses: number[] = [];
  /** Number of folded chars (to map a start offset back to text). */
  size = 0;
  constructor(capacity = 4096) {
    this.buckets = new Int32Array(capacity * PER_CHAR);
    this.starts = new Int32Array(capacity * PER_CHAR);
    this.lengths = new Uint8Array(capacity * PER_CHAR);
    this.codes = new Int32Array(capacity);
    this.cue = new Uint8Array(capacity);
    this.rows = new Int32Array(capacity * PER_CHAR);
    this.values = new Float64Array(capacity * PER_CHAR);
  }
  private grow(chars: number): void {
    const cap = Math.max(chars, this.codes.length * 2);
    this.buckets = new Int32Array(cap * PER_CHAR);
    this.starts = new Int32Array(cap * PER_CHAR);
    this.lengths = new Uint8Array(cap * PER_CHAR);
    this.codes = new Int32Array(cap);
    this.cue = new Uint8Array(cap);
    this.rows = new Int32Array(cap * PER_CHAR);
    this.values = new Float64Array(cap * PER_CHAR);
  }
  /** Folded text of n-gram i. */
  term(i: number): string {
    const c = this.codes;
    const at = this.starts[i];
    // One flat string (n-grams are 1–4 chars), not a chain of one-char concatenations.
    switch (this.lengths[i]) {
      case 1:
        return String.fromCharCode(c[at]);
      case 2:
        return String.fromCharCode(c[at], c[at + 1]);
      case 3:
        return String.fromCharCode(c[at], c[at + 1], c[at + 2]);
      case 4:
        return String.fromCharCode(c[at], c[at + 1], c[at + 2], c[at + 3]);
    }
    return String.fromCharCode(...c.subarray(at, at + this.lengths[i]));
  }
  /**
   * Fills the buffer with the 1–`maxN`-grams (3 or 4) of `text` hashed to `bits` bits. Chars in [maskFrom, maskTo)
   * ranges of `mask` (pairs) are replaced by one placeholder so place names do not teach categories.
   * With `cues`, the 2–3-grams of request clauses (see `requestClauses`) are added again as features of their own.
   */
  fill(text: string, bits: number, mask?: number[], maxN = 3, cues = false): number {
    if (text.length > this.codes.length) this.grow(text.length);
    const codes = this.codes;
    const cue = this.cue;
    const clauses = cues ? requestClauses(text) : null;
    this.clauses = clauses ?? NO_CLAUSES;
    let n = 0;
    let m = 0;
    let q = 0;
    for (let i = 0; i < text.length; i++) {
      if (clauses) while (q < clauses.length && i >= clauses[q + 1]) q += 2;
      const inClause = clauses !== null && q < clauses.length && i >= clauses[q] ? 1 : 0;
      if (mask && m < mask.length && i >= mask[m]) {
        cue[n] = inClause;
        codes[n++] = 0x2302; // ⌂ stands for "a place"
        i = mask[m + 1] - 1;
        m += 2;
        continue;
      }
      const c = foldCode(text.charCodeAt(i));
      if (c >= 0) {
        cue[n] = inClause;
        codes[n++] = c;
      }
    }
    this.size = n;
    const shift = 32 - bits;
    const buckets = this.buckets;
    const starts = this.starts;
    const lengths = this.lengths;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const a = codes[i];
      let h = mix(SEED1, a);
      buckets[k] = finish(h) >>> shift;
      starts[k] = i;
      lengths[k++] = 1;
      if (i + 1 < n) {
        h = mix(mix(SEED2, a), codes[i + 1]);
        buckets[k] = finish(h) >>> shift;
        starts[k] = i;
        lengths[k++] = 2;
        if (i + 2 < n) {
          h = mix(mix(mix(SEED3, a), codes[i + 1]), codes[i + 2]);
          buckets[k] = finish(h) >>> shift;
          starts[k] = i;
          lengths[k++] = 3;
          if (maxN > 3 && i + 3 < n) {
            h = mix(mix(mix(mix(SEED4, a), codes[i + 1]), codes[i + 2]), codes[i + 3]);
            buckets[k] = finish(h) >>> shift;
            starts[k] = i;
            lengths[k++] = 4;
          }
        }
      }
    }
    if (clauses && clauses.length) {
      for (let i = 0; i + 1 < n; i++) {
        if (!cue[i] || !cue[i + 1]) continue;
        const a = codes[i];
        buckets[k] = finish(mix(mix(SEED_CUE2, a), codes[i + 1])) >>> shift;
        starts[k] = i;
        lengths[k++] = 2;
        if (i + 2 < n && cue[i + 2]) {
          buckets[k] = finish(mix(mix(mix(SEED_CUE3, a), codes[i + 1]), codes[i + 2])) >>> shift;
          starts[k] = i;
          lengths[k++] = 3;
        }
      }
    }
    this.count = k;
    return k;
  }
}

/** Character bigram set of a text (folded), for similarity between two matters. */
export function bigramSet(text: string): Set<string> {
  const t = foldText(text).replace(/[，。、；：！？“”‘’（）《》,.;:!?"'()\-—…]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}
