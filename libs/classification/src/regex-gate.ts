/**
 * A cheap pre-check for a list of regular expressions tested on the same text: from each pattern's source, the
 * pairs of chars a match can begin with (and the chars it can be alone); one pass over the text then says which
 * patterns can match at all, and only those are run (most urgency signals and wording cues find none of their
 * openings, 正在, 很多, 自杀…, in an ordinary item). The analysis is conservative: a pattern it cannot bound (flags,
 * syntax it does not follow, a pattern that matches the empty string) is always run, and an opening it cannot
 * list exactly is widened (a first char followed by anything), so `test` answers what `RegExp.test` answers.
 */

/** A set of chars, or null for any char. */
type Chars = Set<number> | null;

/**
 * What a match of a pattern part can begin with: its first char, the single chars it can match alone, and its first
 * two chars (`pairs`: exact pairs c1·c2 as c1 << 16 | c2, and `leads`, chars followed by any char); null: any.
 */
interface Part {
  first: Chars;
  one: Chars;
  pairs: { exact: Set<number>; leads: Set<number> } | null;
  /** The part can match the empty string. */
  nullable: boolean;
  /**
   * What every match contains somewhere (not only at its start): one of `pairs` or one of `chars`; null: nothing
   * known. Openings are one choice; a part further in (围堵 after 要…) may be a rarer one.
   */
  need: Need | null;
}

interface Need {
  pairs: Set<number>;
  chars: Set<number>;
}

/** More exact pairs than this: the leading chars are kept instead. */
const MAX_PAIRS = 4096;
/** Wider character ranges are not listed (any char). */
const MAX_RANGE = 512;
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];

const ANY: Part = { first: null, one: null, pairs: { exact: new Set(), leads: new Set() }, nullable: false, need: null };
const EMPTY = (): Part => ({ first: new Set(), one: new Set(), pairs: { exact: new Set(), leads: new Set() }, nullable: true, need: null });
const chars = (cs: Iterable<number>): Part => {
  const set = new Set(cs);
  return { first: set, one: set, pairs: { exact: new Set(), leads: new Set() }, nullable: false, need: { pairs: new Set(), chars: set } };
};

/** How often a need is met by ordinary text, roughly: a char is met far more often than a pair. */
const cost = (n: Need) => n.pairs.size + 30 * n.chars.size;

/** The rarer of the needs given (null ones skipped). */
function rarer(...needs: Array<Need | null>): Need | null {
  let best: Need | null = null;
  for (const n of needs) if (n && (!best || cost(n) < cost(best))) best = n;
  return best;
}

/** What a match of `p` opens with, as a need (none for a part that can be empty). */
function openingNeed(p: Omit<Part, 'need'>): Need | null {
  if (p.nullable) return null;
  if (p.pairs && p.one) return { pairs: p.pairs.exact, chars: union(p.one, p.pairs.leads)! };
  return p.first ? { pairs: new Set(), chars: p.first } : null;
}

function withNeed(p: Omit<Part, 'need'>, ...needs: Array<Need | null>): Part {
  return { ...p, need: p.nullable ? null : rarer(openingNeed(p), ...needs) };
}

function union(a: Chars, b: Chars): Chars {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out;
}

function unionPairs(a: Part['pairs'], b: Part['pairs']): Part['pairs'] {
  if (!a || !b) return null;
  return { exact: union(a.exact, b.exact)!, leads: union(a.leads, b.leads)! };
}

/** Pairs of a char of `one` followed by a char of `next`. */
function cross(one: Chars, next: Chars): Part['pairs'] {
  if (!one) return null;
  if (!next || one.size * next.size > MAX_PAIRS) return { exact: new Set(), leads: new Set(one) };
  const exact = new Set<number>();
  for (const a of one) for (const b of next) exact.add(((a << 16) | b) >>> 0);
  return { exact, leads: new Set() };
}

/** A followed by B. */
function concat(a: Part, b: Part): Part {
  const none = new Set<number>();
  return withNeed(
    {
      first: a.nullable ? union(a.first, b.first) : a.first,
      one: union(b.nullable ? a.one : none, a.nullable ? b.one : none),
      pairs: unionPairs(unionPairs(a.pairs, cross(a.one, b.first)), a.nullable ? b.pairs : { exact: none, leads: none }),
      nullable: a.nullable && b.nullable,
    },
    // A match of AB holds a match of A and one of B.
    a.need,
    b.need,
  );
}

function alternative(a: Part, b: Part): Part {
  const need = a.need && b.need ? { pairs: union(a.need.pairs, b.need.pairs)!, chars: union(a.need.chars, b.need.chars)! } : null;
  return withNeed({ first: union(a.first, b.first), one: union(a.one, b.one), pairs: unionPairs(a.pairs, b.pairs), nullable: a.nullable || b.nullable }, need);
}

/** A repeated (`optional`: possibly not at all). */
function repeat(a: Part, optional: boolean, many: boolean): Part {
  return withNeed(
    {
      first: a.first,
      one: a.one,
      pairs: many ? unionPairs(a.pairs, cross(a.one, a.first)) : a.pairs,
      nullable: a.nullable || optional,
    },
    a.need,
  );
}

/** Parses a pattern source (no `u`/`v` flag) far enough to know the chars its matches begin with. */
class FirstCharParser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): Part | null {
    const p = this.alternation();
    if (this.at !== this.src.length || p.nullable) return null;
    return p;
  }

  private alternation(): Part {
    let part = this.sequence();
    while (this.src[this.at] === '|') {
      this.at++;
      part = alternative(part, this.sequence());
    }
    return part;
  }

  private sequence(): Part {
    let part = EMPTY();
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') part = concat(part, this.quantified());
    return part;
  }

  private quantified(): Part {
    const atom = this.atom();
    const src = this.src;
    const c = src[this.at];
    let optional = false;
    let many = true;
    if (c === '?' || c === '*') {
      optional = true;
      many = c === '*';
      this.at++;
    } else if (c === '+') this.at++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.at));
      if (!m) return atom;
      optional = Number(m[1]) === 0;
      many = m[2] === undefined ? Number(m[1]) > 1 : m[3] === '' || Number(m[3]) > 1;
      this.at += m[0].length;
    } else return atom;
    if (src[this.at] === '?') this.at++; // lazy
    return repeat(atom, optional, many);
  }

  private atom(): Part {
    const src = this.src;
    const c = src[this.at++];
    if (c === '(') {
      let lookaround = false;
      if (src.startsWith('?:', this.at)) this.at += 2;
      else if (src.startsWith('?=', this.at) || src.startsWith('?!', this.at)) {
        this.at += 2;
        lookaround = true;
      } else if (src.startsWith('?<=', this.at) || src.startsWith('?<!', this.at)) {
        this.at += 3;
        lookaround = true;
      } else if (src.startsWith('?<', this.at)) {
        const end = src.indexOf('>', this.at);
        if (end < 0) return this.fail();
        this.at = end + 1;
      } else if (src[this.at] === '?') return this.fail();
      const inner = this.alternation();
      if (src[this.at] !== ')') return this.fail();
      this.at++;
      // A lookaround takes no chars: the match begins with what follows it.
      return lookaround ? EMPTY() : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '.') return ANY;
    if (c === '^' || c === '$') return EMPTY();
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === ')' || c === undefined) return this.fail();
    return chars([c.charCodeAt(0)]);
  }

  private escape(): Part {
    const src = this.src;
    const c = src[this.at++];
    if (c === undefined) return this.fail();
    if (c === 'b' || c === 'B') return EMPTY();
    if (c === 'd') return chars(DIGITS);
    if (/[1-9k]/.test(c)) {
      // A back reference can be empty; its chars are those of a group: any.
      if (c === 'k') {
        const end = src.indexOf('>', this.at);
        this.at = end < 0 ? src.length : end + 1;
      } else while (/[0-9]/.test(src[this.at] ?? '')) this.at++;
      return { first: null, one: null, pairs: null, nullable: true, need: null };
    }
    const code = this.escapedChar(c);
    return code === null ? ANY : chars([code]);
  }

  /** The char an escape (after its backslash, `c` read) stands for; null: a class of chars or unknown. */
  private escapedChar(c: string): number | null {
    const src = this.src;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    if (c in simple) return simple[c];
    if (c === 'u' || c === 'x') {
      const len = c === 'u' ? 4 : 2;
      const hex = src.slice(this.at, this.at + len);
      if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
        this.at += len;
        return parseInt(hex, 16);
      }
      return null;
    }
    if (/[A-Za-z]/.test(c)) return null; // \w, \s, \p, \c… : a class, or unknown
    return c.charCodeAt(0);
  }

  private charClass(): Part {
    const src = this.src;
    if (src[this.at] === '^') return this.skipClass();
    const first = new Set<number>();
    let any = false;
    const item = (): number | null | 'class' => {
      const c = src[this.at++];
      if (c !== '\\') return c.charCodeAt(0);
      const e = src[this.at++];
      if (e === 'd') {
        for (const d of DIGITS) first.add(d);
        return 'class';
      }
      if (e === 'b') return 8;
      const code = this.escapedChar(e);
      return code === null ? 'class' : code;
    };
    while (this.at < src.length && src[this.at] !== ']') {
      const from = item();
      if (from === 'class' || from === null) {
        if (from === null) any = true;
        continue;
      }
      if (src[this.at] === '-' && this.at + 1 < src.length && src[this.at + 1] !== ']') {
        this.at++;
        const to = item();
        if (to === 'class' || to === null || to < from || to - from > MAX_RANGE) {
          any = true;
          continue;
        }
        for (let x = from; x <= to; x++) first.add(x);
      } else first.add(from);
    }
    if (src[this.at] !== ']') return this.fail();
    this.at++;
    return any ? ANY : chars(first);
  }

  /** A negated class: any char; skipped to its end. */
  private skipClass(): Part {
    const src = this.src;
    while (this.at < src.length && src[this.at] !== ']') this.at += src[this.at] === '\\' ? 2 : 1;
    if (src[this.at] !== ']') return this.fail();
    this.at++;
    return ANY;
  }

  /** Syntax this parser does not follow: stop, and let the pattern always run. */
  private fail(): Part {
    this.at = this.src.length + 1;
    return ANY;
  }
}

/**
 * What every match of `re` contains, as UTF-16 units: one of `chars` or one of `pairs` (c1 << 16 | c2, two units in a
 * row); null when it cannot be bounded.
 */
export function needOf(re: RegExp): { chars: Set<number>; pairs: Set<number> } | null {
  if (/[iuv]/.test(re.flags)) return null;
  const p = new FirstCharParser(re.source).parse();
  return p?.need ?? null;
}

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
