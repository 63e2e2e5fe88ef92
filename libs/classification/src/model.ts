import { popcount } from './popcount';
import { NgramBuffer } from './text';
import type { LinearModelJson } from './model-format';

export type { LinearModelJson, LinearTrainOptions, SparseItem } from './model-format';

/** Block header of a row in the packed scoring memory: idf, number of entries, extra weight. */
const HEADER = 3;

/** Bits of a packed entry that hold the weight (the rest hold the label index). */
const entryWeightBits = (k: number) => 32 - Math.max(1, Math.ceil(Math.log2(Math.max(k, 2))));

/**
 * A multinomial logistic-regression model over hashed character 1–3- or 1–4-grams. Weights live in one
 * Float32Array (rows = feature buckets seen in training, columns = categories); a small bucket → block
 * table and one block of non-zero weights per row make scoring a few hundred array reads per item.
 */
export class LinearModel {
  readonly k: number;
  /**
   * Bucket → block as an open-addressing table [bucket, block, bucket, block…] at most half full: a few hundred
   * KB that stay in cache, where a table over all 2^bits buckets (4 MB) costs a cache miss per n-gram.
   */
  private readonly table: Int32Array;
  private readonly tableMask: number;
  /** A bit per hash bucket the model has a row for (128 KB at 20 bits): an unseen n-gram costs no table probe. */
  private readonly present: Int32Array;
  /**
   * What scoring reads, one block per row so an n-gram costs one more memory access: [idf, entries, extra, label
   * mask…, entry…] (`packed` and `packedIdx` are two views of the same memory). An entry is one Int32: the weight in
   * fixed point (`weightStep` per unit) in the high bits, the label index in the low `labelBits` — 4 bytes where a
   * (label, float) pair took 8, so a model's scoring memory is about half the size and an n-gram touches fewer cache
   * lines. The label mask, `maskWords` Int32s with one bit per label that has an entry, finds the weight of one label
   * (explanations) without walking the entries (`weightAt`), in the cache line scoring has just read.
   */
  private readonly packed: Float32Array;
  private readonly packedIdx: Int32Array;
  private readonly labelBits: number;
  private readonly labelMask: number;
  /** Int32 words of a block's label mask (one bit per label). */
  private readonly maskWords: number;
  /** The weight one unit of a packed entry stands for (the largest weight over 2^(weight bits − 1) − 1: error under 1e-6 of it). */
  private readonly weightStep: number;
  private readonly scratch: NgramBuffer = new NgramBuffer();
  /** Per-label sums of the item being scored. */
  private readonly acc: Float64Array;
  /** Non-zero weights by row (CSR), as stored in model files. */
  private readonly starts: Int32Array;
  private readonly cols: Uint16Array;
  private readonly vals: Float32Array;
  /** The extra output of the last `scores` call (its bias included; 0 without extra weights). */
  extraScore = 0;
  constructor(
    readonly bits: number,
    readonly labels: string[],
    readonly buckets: Int32Array,
    readonly weights: Float32Array,
    readonly idf: Float32Array,
    readonly unseenIdf: number,
    readonly bias: Float32Array,
    readonly maxN = 3,
    readonly cues = false,
    readonly extra: Float32Array | null = null,
    readonly extraBias = 0,
  ) {
    if (extra && extra.length !== buckets.length) throw new Error('extra weights must have one weight per row');
    this.k = labels.length;
    const k = this.k;
    this.acc = new Float64Array(k);
    let nz = 0;
    for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) nz++;
    this.starts = new Int32Array(buckets.length + 1);
    this.cols = new Uint16Array(nz);
    this.vals = new Float32Array(nz);
    let at = 0;
    for (let r = 0; r < buckets.length; r++) {
      this.starts[r] = at;
      for (let j = 0; j < k; j++) {
        const v = weights[r * k + j];
        if (v !== 0) {
          this.cols[at] = j;
          this.vals[at++] = v;
        }
      }
    }
    this.starts[buckets.length] = at;
    const weightBits = entryWeightBits(k);
    this.labelBits = 32 - weightBits;
    this.labelMask = (1 << this.labelBits) - 1;
    let maxAbs = 0;
    for (let e = 0; e < nz; e++) maxAbs = Math.max(maxAbs, Math.abs(this.vals[e]));
    this.weightStep = maxAbs > 0 ? maxAbs / (2 ** (weightBits - 1) - 1) : 1;
    this.maskWords = (k + 31) >>> 5;
    const memory = new ArrayBuffer(4 * ((HEADER + this.maskWords) * buckets.length + nz));
    this.packed = new Float32Array(memory);
    this.packedIdx = new Int32Array(memory);
    const blockOf = new Int32Array(buckets.length);
    // Frequent n-grams (low idf) first: their blocks share cache lines and take their home slot in the table,
    // so most lookups cost one probe into memory that is already cached (the figures are the same in any order).
    const order = Int32Array.from(buckets, (_, r) => r).sort((a, b) => idf[a] - idf[b] || a - b);
    let off = 0;
    for (const r of order) {
      blockOf[r] = off;
      this.packed[off] = idf[r];
      this.packedIdx[off + 1] = this.starts[r + 1] - this.starts[r];
      this.packed[off + 2] = extra ? extra[r] : 0;
      const maskAt = off + HEADER;
      off += HEADER + this.maskWords;
      for (let e = this.starts[r]; e < this.starts[r + 1]; e++, off++) {
        this.packedIdx[off] = (Math.round(this.vals[e] / this.weightStep) << this.labelBits) | this.cols[e];
        this.packedIdx[maskAt + (this.cols[e] >>> 5)] |= 1 << (this.cols[e] & 31);
      }
    }
    let size = 16;
    while (size < buckets.length * 2) size *= 2;
    this.tableMask = size - 1;
    this.table = new Int32Array(size * 2).fill(-1);
    this.present = new Int32Array(Math.max(1, 2 ** bits / 32));
    for (const r of order) {
      this.present[buckets[r] >>> 5] |= 1 << (buckets[r] & 31);
      let h = buckets[r] & this.tableMask;
      while (this.table[2 * h] !== -1) h = (h + 1) & this.tableMask;
      this.table[2 * h] = buckets[r];
      this.table[2 * h + 1] = blockOf[r];
    }
  }

  /** Share of weights that are not zero. */
  get density(): number {
    return this.vals.length / Math.max(this.weights.length, 1);
  }

  /**
   * Raw scores (logits) per label into `out`; the n-grams stay in `buf` for explanations.
   * Features are tf·idf of each n-gram, the vector scaled to unit length (tf counted per occurrence).
   */
  scores(text: string, out: Float32Array, mask?: number[], buf: NgramBuffer = this.scratch): Float32Array {
    const n = buf.fill(text, this.bits, mask, this.maxN, this.cues);
    const k = this.k;
    const packed = this.packed;
    const idx = this.packedIdx;
    const table = this.table;
    const tableMask = this.tableMask;
    const b = buf.buckets;
    const blocks = buf.rows;
    const u2 = this.unseenIdf * this.unseenIdf;
    const step = this.weightStep;
    const labelBits = this.labelBits;
    const labelMask = this.labelMask;
    const head = HEADER + this.maskWords;
    let norm = 0;
    let ex = 0;
    // In passes: every n-gram's table probe first, then every block. The probes (and then the blocks) do not wait on
    // each other, so the processor keeps several cache misses in flight instead of one at a time.
    const present = this.present;
    for (let i = 0; i < n; i++) {
      const bucket = b[i];
      if (((present[bucket >>> 5] >>> (bucket & 31)) & 1) === 0) {
        blocks[i] = -1;
        continue;
      }
      let h = bucket & tableMask;
      let key = table[2 * h];
      while (key !== bucket && key !== -1) {
        h = (h + 1) & tableMask;
        key = table[2 * h];
      }
      blocks[i] = key === bucket ? table[2 * h + 1] : -1;
    }
    // Then every block's header (idf, extra weight), again without waiting on each other…
    const idfs = buf.values;
    for (let i = 0; i < n; i++) {
      const off = blocks[i];
      if (off < 0) {
        norm += u2;
        continue;
      }
      const v = packed[off];
      idfs[i] = v;
      norm += v * v;
      ex += packed[off + 2] * v;
    }
    // …then the weights, summed in doubles (no float32 rounding per addition).
    const acc = this.acc;
    acc.fill(0);
    for (let i = 0; i < n; i++) {
      const off = blocks[i];
      if (off < 0) continue;
      const sv = idfs[i] * step;
      for (let e = off + head, end = off + head + idx[off + 1]; e < end; e++) {
        const x = idx[e];
        acc[x & labelMask] += (x >> labelBits) * sv;
      }
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < k; j++) out[j] = acc[j] * scale + this.bias[j];
    this.extraScore = ex * scale + this.extraBias;
    return out;
  }

  /** Weight of n-gram i of the last text scored into `buf` for label j. */
  weightOf(buf: NgramBuffer, i: number, j: number): number {
    return this.weightAt(buf.rows[i], j);
  }

  /** Weight (times idf) for label j of the row whose block starts at `off` (as `scores` leaves in `buf.rows`). */
  weightAt(off: number, j: number): number {
    if (off < 0) return 0;
    // The label mask says whether label j has an entry, and where: entries are in ascending label order, so its place
    // is the number of labels before j that have one.
    const idx = this.packedIdx;
    const mask = off + HEADER;
    const word = j >>> 5;
    const bit = j & 31;
    const m = idx[mask + word];
    if (((m >>> bit) & 1) === 0) return 0;
    let at = popcount(m & ((1 << bit) - 1));
    for (let w = 0; w < word; w++) at += popcount(idx[mask + w]);
    return (idx[off + HEADER + this.maskWords + at] >> this.labelBits) * this.weightStep * this.packed[off];
  }

  /**
   * `weightAt(buf.rows[i], j)` for every n-gram i of the last text scored into `buf` that has at least `minLength`
   * chars (0 for the others), into `buf.values` (which scoring reuses: read them before scoring again).
   */
  labelWeights(buf: NgramBuffer, j: number, minLength: number): Float64Array {
    const out = buf.values;
    const rows = buf.rows;
    const lengths = buf.lengths;
    const idx = this.packedIdx;
    const packed = this.packed;
    const word = j >>> 5;
    const bit = j & 31;
    const below = (1 << bit) - 1;
    const entries = HEADER + this.maskWords;
    const labelBits = this.labelBits;
    const step = this.weightStep;
    for (let i = 0, n = buf.count; i < n; i++) {
      const off = rows[i];
      out[i] = 0;
      if (off < 0 || lengths[i] < minLength) continue;
      const m = idx[off + HEADER + word];
      if (((m >>> bit) & 1) === 0) continue;
      let at = popcount(m & below);
      for (let w = 0; w < word; w++) at += popcount(idx[off + HEADER + w]);
      out[i] = (idx[off + entries + at] >> labelBits) * step * packed[off];
    }
    return out;
  }

  toJSON(): LinearModelJson {
    const b64 = (a: Int32Array | Uint16Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    // Pruned models are stored by row (a fraction of the size); dense ones as they are.
    const sparse = this.density < 0.5;
    return {
      bits: this.bits,
      labels: this.labels,
      buckets: b64(this.buckets),
      weights: sparse ? '' : b64(this.weights),
      ...(sparse ? { sparse: { starts: b64(this.starts), cols: b64(this.cols), vals: b64(this.vals) } } : {}),
      idf: Buffer.from(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength).toString('base64'),
      unseenIdf: this.unseenIdf,
      bias: Array.from(this.bias),
      maxN: this.maxN,
      ...(this.cues ? { cues: true } : {}),
      ...(this.extra ? { extra: b64(this.extra), extraBias: this.extraBias } : {}),
    };
  }

  static fromJSON(j: LinearModelJson): LinearModel {
    const bytes = (s: string) => {
      const b = Buffer.from(s, 'base64');
      const copy = new ArrayBuffer(b.byteLength);
      new Uint8Array(copy).set(b);
      return copy;
    };
    const buckets = new Int32Array(bytes(j.buckets));
    let weights: Float32Array;
    if (j.sparse) {
      const starts = new Int32Array(bytes(j.sparse.starts));
      const cols = new Uint16Array(bytes(j.sparse.cols));
      const vals = new Float32Array(bytes(j.sparse.vals));
      const k = j.labels.length;
      weights = new Float32Array(buckets.length * k);
      for (let r = 0; r < buckets.length; r++) for (let e = starts[r]; e < starts[r + 1]; e++) weights[r * k + cols[e]] = vals[e];
    } else weights = new Float32Array(bytes(j.weights));
    return new LinearModel(
      j.bits,
      j.labels,
      buckets,
      weights,
      new Float32Array(bytes(j.idf)),
      j.unseenIdf,
      Float32Array.from(j.bias),
      j.maxN ?? 3,
      j.cues ?? false,
      j.extra ? new Float32Array(bytes(j.extra)) : null,
      j.extraBias ?? 0,
    );
  }

  /** The same model with `extra` as its per-row extra output (e.g. an urgency model trained on the same rows). */
  withExtra(extra: Float32Array, extraBias: number): LinearModel {
    return new LinearModel(this.bits, this.labels, this.buckets, this.weights, this.idf, this.unseenIdf, this.bias, this.maxN, this.cues, extra, extraBias);
  }
}
