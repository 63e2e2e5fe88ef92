import { normalizeEmail, normalizePhone } from '../requester-identity';

/**
 * Words for full-text search, the same on MySQL 8, MariaDB and SQLite.
 *
 * MariaDB has no ngram parser and its InnoDB FULLTEXT ignores words shorter than
 * innodb_ft_min_token_size (3 by default); SQLite's trigram tokenizer cannot find two-character
 * words (医保, 噪音), the commonest in Chinese. So the hub cuts the text itself: every pair of
 * neighbouring Han (or kana, hangul) characters is one word, every run of Latin letters and digits
 * another, each written as a short ASCII word (`c533bg4fdd` for 医保, `w` + the run for letters and
 * digits). Any whitespace tokenizer (InnoDB's built-in parser, FTS5's unicode61) indexes those
 * unchanged, and a query is cut the same way; InnoDB still leaves out words under 3 characters
 * (`w3`) and its stopwords (`was` for `as`), which the lookup checks on rows instead (ticket-text-matches).
 */
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;
/** Longest Latin/digit run kept as one word (InnoDB's limit is 84 characters). */
const MAX_WORD = 40;

/** Full-width letters and digits to ASCII, compatibility forms folded, lower case. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function hanPair(a: string, b: string): string {
  return `c${a.codePointAt(0)!.toString(16)}g${b.codePointAt(0)!.toString(16)}`;
}

/**
 * The words of a text, in order, duplicates kept. `edges`: a document's words also hold the Han
 * characters that begin or end a run of them as words of their own, so a query's lone character
 * (`25天`, `U盘`, `7楼`: 天 beside a digit is a word alone) finds `已持续25天了` and `U盘丢失`, where that
 * character starts or ends a run; a query is cut without them (its pairs are in any document).
 */
export function textWords(text: string, edges = false): string[] {
  const out: string[] = [];
  const chars = [...foldText(text)];
  let run = '';
  const flush = () => {
    if (run) out.push(`w${run.slice(0, MAX_WORD)}`);
    run = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (HAN.test(ch)) {
      flush();
      const next = chars[i + 1];
      const before = i > 0 && HAN.test(chars[i - 1]);
      const after = next !== undefined && HAN.test(next);
      if (after) out.push(hanPair(ch, next));
      // A lone Han character between other characters is still a word of its own (单 字); in a document, so is one at a run's edge.
      if ((!before && !after) || (edges && before !== after)) out.push(`c${ch.codePointAt(0)!.toString(16)}`);
    } else if (WORD.test(ch)) {
      run += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

/** The column stored for a document: its distinct words, space-separated. */
export function searchDocument(parts: Array<string | null | undefined>): string {
  const words = new Set<string>();
  for (const p of parts) if (p) for (const w of textWords(p, true)) words.add(w);
  return [...words].join(' ');
}

/** The distinct words of a query, each of which a document must contain. */
export function queryWords(q: string): string[] {
  return [...new Set(textWords(q))].slice(0, 32);
}

/** What a lookup box's text may be, beside words of the text. */
export interface LookupKeys {
  /** A ticket id read from a number (QH20261123-000003, 20261123-000003, ｑｈ２０２６…). */
  ticketId: number | null;
  /** The receipt date the number names (YYYYMMDD), to tell a right number from a look-alike. */
  ticketDate: string | null;
  /** Phone digits as normalizePhone stores them (7 digits or more); a leading `(+86)` or `(0571)` is read too. */
  phone: string | null;
  email: string | null;
  /** The text as typed, folded: matched against external ids and names as a whole. */
  exact: string;
}

/**
 * Reads what a lookup text may identify, in any writing an operator types it. `prefix`: every
 * number prefix the installation issues (its own and its cities'), so a number given before a
 * ticket was handed to a city (its former number) finds it as its new one does.
 */
export function lookupKeys(prefix: string | readonly string[], q: string): LookupKeys {
  const folded = foldText(q).trim();
  const compact = folded.replace(/[\s\u3000]+/g, '');
  const p = (typeof prefix === 'string' ? [prefix] : prefix).map((x) => x.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const num = new RegExp(`^(?:${p})?(\\d{8})[-_—–－]?(\\d{6,9})$`).exec(compact);
  const phoneLike = /^[+\d(][\d\s\-()（）.+]*$/.test(folded) ? normalizePhone(folded) : null;
  return {
    ticketId: num ? Number(num[2]) : null,
    ticketDate: num ? num[1] : null,
    phone: phoneLike && phoneLike.length >= 7 ? phoneLike : null,
    email: compact.includes('@') ? normalizeEmail(compact) : null,
    exact: folded.slice(0, 200),
  };
}
