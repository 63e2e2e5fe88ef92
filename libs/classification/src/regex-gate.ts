/**
 * A cheap pre-check for a list of regular expressions tested on the same text: what every match of each must
 * contain (a few chars or char pairs: 正在, 很多, 自杀…, see regex-needs.ts); one pass over the text then says which
 * patterns can match at all, and only those are run (most urgency signals and wording cues find none of theirs in
 * an ordinary item). A pattern whose needs are unknown is always run, so `test` answers what `RegExp.test` answers.
 */
import { needOf } from './regex-needs';

/** Open addressing, keys → `words` Int32 masks; an empty slot has no bit set. */
class MaskTable {
  readonly keys: Int32Array;
  readonly masks: Int32Array;
  readonly shift: number;
  constructor(
    size: number,
    private readonly words: number,
  ) {
    let slots = 16;
    while (slots < size * 2) slots *= 2;
    this.shift = 32 - Math.log2(slots);
    this.keys = new Int32Array(slots);
    this.masks = new Int32Array(slots * words);
  }
  add(key: number, pattern: number): void {
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[h] !== key && this.used(h)) h = (h + 1) & mask;
    this.keys[h] = key;
    this.masks[h * this.words + (pattern >>> 5)] |= 1 << (pattern & 31);
  }
  private used(h: number): boolean {
    for (let w = 0; w < this.words; w++) if (this.masks[h * this.words + w] !== 0) return true;
    return false;
  }
  /** ORs the masks of `key` (if present) into `into`. */
  orInto(key: number, into: Int32Array): void {
    const words = this.words;
    const keys = this.keys;
    const masks = this.masks;
    const mask = keys.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      if (keys[h] === key) {
        for (let w = 0; w < words; w++) into[w] |= masks[h * words + w];
        return;
      }
      if (!this.used(h)) return;
    }
  }
}

/** Bit sets over char codes (2048 Int32s each): chars that open a pattern alone, first and second chars of pairs. */
const ALONE = 0;
const PAIR_FIRST = 2048;
const PAIR_SECOND = 4096;

/** Tests a fixed list of regular expressions on one text each, running only those whose matches can begin in it. */
export class RegexGate {
  private readonly words: number;
  /** Which chars matter at all (three bit sets, 24 KB: stays in cache where a table by char would not). */
  private readonly bits = new Int32Array(3 * 2048);
  /** Char → patterns a match of which can begin with it (or be it). */
  private readonly byChar: MaskTable;
  /** Char pair (c1 << 16 | c2) → patterns a match of which can begin with it. */
  private readonly byPair: MaskTable;
  /** Patterns always run. */
  private readonly always: Int32Array;
  /** Patterns that may match the text last given to `select`. */
  private readonly maybe: Int32Array;

  constructor(readonly patterns: readonly RegExp[]) {
    const words = (this.words = Math.max(1, (patterns.length + 31) >>> 5));
    this.always = new Int32Array(words);
    this.maybe = new Int32Array(words);
    const starts = patterns.map((re) => needOf(re));
    const count = (f: (s: NonNullable<(typeof starts)[number]>) => Set<number>) => starts.reduce((n, s) => n + (s ? f(s).size : 0), 0);
    this.byChar = new MaskTable(
      count((s) => s.chars),
      words,
    );
    this.byPair = new MaskTable(
      count((s) => s.pairs),
      words,
    );
    const set = (base: number, c: number) => (this.bits[base + (c >>> 5)] |= 1 << (c & 31));
    starts.forEach((s, i) => {
      if (!s) {
        this.always[i >>> 5] |= 1 << (i & 31);
        return;
      }
      for (const c of s.chars) {
        set(ALONE, c);
        this.byChar.add(c, i);
      }
      for (const p of s.pairs) {
        set(PAIR_FIRST, p >>> 16);
        set(PAIR_SECOND, p & 0xffff);
        this.byPair.add(p | 0, i);
      }
    });
  }

  /** Reads `text` once: `test(i, text)` then runs pattern i only when a match can begin in it. */
  select(text: string): void {
    const bits = this.bits;
    const maybe = this.maybe;
    maybe.set(this.always);
    let firstBefore = false;
    let prev = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const word = c >>> 5;
      const bit = c & 31;
      if ((bits[ALONE + word] >>> bit) & 1) this.byChar.orInto(c, maybe);
      if (firstBefore && (bits[PAIR_SECOND + word] >>> bit) & 1) this.byPair.orInto((prev << 16) | c, maybe);
      firstBefore = ((bits[PAIR_FIRST + word] >>> bit) & 1) === 1;
      prev = c;
    }
  }

  /** Whether pattern i can match the text last given to `select` (false: it cannot). */
  may(i: number): boolean {
    return ((this.maybe[i >>> 5] >>> (i & 31)) & 1) === 1;
  }

  /** `patterns[i].test(text)`, for the text last given to `select` (patterns without the g or y flag). */
  test(i: number, text: string): boolean {
    if (((this.maybe[i >>> 5] >>> (i & 31)) & 1) === 0) return false;
    return this.patterns[i].test(text);
  }
}
