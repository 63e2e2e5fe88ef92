/**
 * A cheap pre-check for a list of regular expressions tested on the same text: from each pattern's source, the
 * chars a match can begin with; one pass over the text's chars then says which patterns can match at all, and
 * only those are run (most urgency signals and wording cues find none of their first chars in an ordinary item).
 * The analysis is conservative: a pattern it cannot bound (flags, classes too wide, a pattern that matches the
 * empty string) is always run, so `test` answers what `RegExp.test` answers.
 */

/** First chars of the matches of a pattern part: a set, or null for any char. */
type First = Set<number> | null;

interface Part {
  first: First;
  /** The part can match the empty string. */
  nullable: boolean;
}

const ANY: Part = { first: null, nullable: false };
/** Wider character ranges are not listed (any char). */
const MAX_RANGE = 512;
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];

function union(a: First, b: First): First {
  if (!a || !b) return null;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out;
}

/** Parses a pattern source (no `u`/`v` flag) far enough to know the chars its matches begin with. */
class FirstCharParser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): First {
    const p = this.alternation();
    if (this.at !== this.src.length) return null;
    return p.nullable ? null : p.first;
  }

  private alternation(): Part {
    let part = this.sequence();
    while (this.src[this.at] === '|') {
      this.at++;
      const next = this.sequence();
      part = { first: union(part.first, next.first), nullable: part.nullable || next.nullable };
    }
    return part;
  }

  private sequence(): Part {
    let first: First = new Set();
    let nullable = true;
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const atom = this.quantified();
      if (nullable) first = union(first, atom.first);
      nullable = nullable && atom.nullable;
    }
    return { first, nullable };
  }

  private quantified(): Part {
    const atom = this.atom();
    const src = this.src;
    const c = src[this.at];
    let optional = false;
    if (c === '?' || c === '*') {
      optional = true;
      this.at++;
    } else if (c === '+') this.at++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(this.at));
      if (m) {
        optional = Number(m[1]) === 0;
        this.at += m[0].length;
      } else return atom;
    } else return atom;
    if (src[this.at] === '?') this.at++; // lazy
    return optional ? { first: atom.first, nullable: true } : atom;
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
      return lookaround ? { first: new Set(), nullable: true } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '.') return ANY;
    if (c === '^' || c === '$') return { first: new Set(), nullable: true };
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === ')' || c === undefined) return this.fail();
    return { first: new Set([c.charCodeAt(0)]), nullable: false };
  }

  private escape(): Part {
    const src = this.src;
    const c = src[this.at++];
    if (c === undefined) return this.fail();
    if (c === 'b' || c === 'B') return { first: new Set(), nullable: true };
    if (c === 'd') return { first: new Set(DIGITS), nullable: false };
    if (/[1-9k]/.test(c)) {
      // A back reference can be empty; its chars are those of a group: any.
      if (c === 'k') {
        const end = src.indexOf('>', this.at);
        this.at = end < 0 ? src.length : end + 1;
      } else while (/[0-9]/.test(src[this.at] ?? '')) this.at++;
      return { first: null, nullable: true };
    }
    const code = this.escapedChar(c);
    return code === null ? ANY : { first: new Set([code]), nullable: false };
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
    return any ? ANY : { first, nullable: false };
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

/** The UTF-16 units a match of `re` can begin with; null when any (or unknown). */
export function firstCharsOf(re: RegExp): Set<number> | null {
  if (/[iuvgy]/.test(re.flags)) return null;
  return new FirstCharParser(re.source).parse();
}

/** Tests a fixed list of regular expressions on one text each, running only those whose first chars occur in it. */
export class RegexGate {
  private readonly words: number;
  /** Char code → bit mask (by pattern, `words` Int32s per char) of the patterns a match can begin with it. */
  private readonly byChar: Int32Array;
  /** Patterns always run. */
  private readonly always: Int32Array;
  /** Patterns that may match the text last given to `select`. */
  private readonly maybe: Int32Array;

  constructor(readonly patterns: readonly RegExp[]) {
    const words = (this.words = Math.max(1, (patterns.length + 31) >>> 5));
    this.byChar = new Int32Array(65536 * words);
    this.always = new Int32Array(words);
    this.maybe = new Int32Array(words);
    patterns.forEach((re, i) => {
      const first = firstCharsOf(re);
      const bit = 1 << (i & 31);
      const w = i >>> 5;
      if (!first) this.always[w] |= bit;
      else for (const c of first) this.byChar[c * words + w] |= bit;
    });
  }

  /** Reads `text` once: `test(i, text)` then runs pattern i only when it can match. */
  select(text: string): void {
    const words = this.words;
    const maybe = this.maybe;
    const byChar = this.byChar;
    maybe.set(this.always);
    if (words === 1) {
      let m = maybe[0];
      for (let i = 0; i < text.length; i++) m |= byChar[text.charCodeAt(i)];
      maybe[0] = m;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const base = text.charCodeAt(i) * words;
      for (let w = 0; w < words; w++) maybe[w] |= byChar[base + w];
    }
  }

  /** `patterns[i].test(text)`, for the text last given to `select`. */
  test(i: number, text: string): boolean {
    if (((this.maybe[i >>> 5] >>> (i & 31)) & 1) === 0) return false;
    return this.patterns[i].test(text);
  }
}
