/**
 * What every match of a regular expression must contain, read from its source: one of a few chars or char pairs
 * (正在, 很多, 自杀…). The analysis is conservative: a pattern it cannot bound (flags, syntax it does not follow, a
 * pattern that matches the empty string) gets null, and an opening it cannot list exactly is widened (a first char
 * followed by anything). Used by `RegexGate` to skip patterns that cannot match a text.
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

/** Parses a pattern source (no `u`/`v` flag) far enough to know what its matches begin with and contain. */
class NeedParser {
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
    // \0 followed by a digit is an octal escape (\012): not followed here.
    if (c === '0' && /[0-9]/.test(src[this.at] ?? '')) return null;
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
  const p = new NeedParser(re.source).parse();
  return p?.need ?? null;
}
