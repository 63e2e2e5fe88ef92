import { normalizeEmail as storedEmail, normalizeIdNumber as storedIdNumber, normalizePhone as storedPhone } from '@hub/domain';
import { bigramSet } from './text';

/** Who asked: any of phone, e-mail or ID number identifies the same requester. */
export interface RequesterIds {
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
}

export interface MatterItem {
  id: string | number;
  text: string;
  requester?: RequesterIds | null;
  region?: string | null;
  /** Most specific place found (landmark, street/town), if any. */
  place?: string | null;
  category?: string | null;
  /** When it was received (the open ticket: when it was created). */
  at: Date | string;
}

// Stored and matched the same way; for matching, values too short to identify anyone are dropped.
export function normalizePhone(p: string | null | undefined): string | null {
  const d = storedPhone(p);
  return d && d.length >= 7 ? d : null;
}

export function normalizeEmail(e: string | null | undefined): string | null {
  const v = storedEmail(e);
  return v && v.includes('@') ? v : null;
}

export function normalizeIdNumber(id: string | null | undefined): string | null {
  const v = storedIdNumber(id);
  return v && v.length >= 15 ? v : null;
}

/** Normalised identity keys of a requester (`phone:…`, `email:…`, `id:…`). */
export function requesterKeys(r: RequesterIds | null | undefined): string[] {
  if (!r) return [];
  const out: string[] = [];
  const p = normalizePhone(r.phone);
  if (p) out.push(`phone:${p}`);
  const e = normalizeEmail(r.email);
  if (e) out.push(`email:${e}`);
  const i = normalizeIdNumber(r.idNumber);
  if (i) out.push(`id:${i}`);
  return out;
}

export function sameRequester(a: RequesterIds | null | undefined, b: RequesterIds | null | undefined): boolean {
  const ka = requesterKeys(a);
  if (!ka.length) return false;
  const kb = new Set(requesterKeys(b));
  return ka.some((k) => kb.has(k));
}

// Words every item has (call-centre and letter boilerplate): they say nothing about the matter.
const BOILERPLATE =
  /(市民|来电人?|来电者|反映|诉求人|表示|称|请求|要求|希望|相关部门|尽快|处理|解决|尊敬的|领导|市长|您好|谢谢|联系电话|电话|先生|女士|情况|问题|[0-9*]{3,})/g;

// Where, not what: the place is compared on its own, so a shared address is no sign of a shared matter.
const ADDRESS_WORDS = /([0-9０-９一二三四五六七八九十百]+\s*(号楼|栋|幢|单元|楼|号|室|层)|小区|附近|旁边|边上|对面|门口|楼下|楼上|隔壁)/g;

/**
 * Similarity of two matters: cosine of their character-bigram sets, boilerplate, address words and
 * the given place names (the items' own places and regions) removed.
 */
export function textSimilarity(a: string, b: string, placeNames: ReadonlyArray<string | null | undefined> = []): number {
  return bigramCosine(matterBigrams(a, placeNames), matterBigrams(b, placeNames));
}

/** The character bigrams a matter's text is compared on (boilerplate, address words and the place names removed). */
export function matterBigrams(text: string, placeNames: ReadonlyArray<string | null | undefined> = []): Set<string> {
  let out = text;
  for (const name of placeNames) if (name) out = out.split(name).join(' ');
  return bigramSet(out.replace(BOILERPLATE, ' ').replace(ADDRESS_WORDS, ' '));
}

/** Cosine of two bigram sets (0 when either is empty). */
export function bigramCosine(sa: ReadonlySet<string>, sb: ReadonlySet<string>): number {
  if (!sa.size || !sb.size) return 0;
  let common = 0;
  const [small, big] = sa.size < sb.size ? [sa, sb] : [sb, sa];
  for (const g of small) if (big.has(g)) common++;
  return common / Math.sqrt(sa.size * sb.size);
}

function time(t: Date | string): number {
  return t instanceof Date ? t.getTime() : Date.parse(t);
}

/** Same place as far as known: both name a place and it differs → different matter. */
function placeAgrees(a: MatterItem, b: MatterItem): 'same' | 'different' | 'unknown' {
  if (a.place && b.place) return a.place === b.place ? 'same' : 'different';
  if (a.region && b.region) return a.region === b.region ? 'unknown' : 'different';
  return 'unknown';
}

export interface RepeatOptions {
  windowDays: number;
  /** Similarity above which texts are the same matter on their own (default 0.5). */
  threshold?: number;
  /** Lower similarity accepted when the place agrees but the categories do not (default 0.25). */
  supportedThreshold?: number;
}

export interface RepeatMatch {
  ticketId: string | number;
  similarity: number;
  /** What made it the same matter: the same place and category, or the wording. */
  basis: 'place_and_category' | 'text';
}

/**
 * 重复件: the open ticket of the same requester about substantially the same matter within the
 * window (before or after the item: exports are not always in time order), or null. The same
 * requester, place and category is the same matter however it is worded; otherwise the texts must
 * say the same thing. A different matter from the same caller, even at the same place, is not a repeat.
 */
export function findRepeat(item: MatterItem, openTickets: readonly MatterItem[], opts: RepeatOptions): RepeatMatch | null {
  const threshold = opts.threshold ?? 0.5;
  const supported = opts.supportedThreshold ?? 0.25;
  const now = time(item.at);
  const window = opts.windowDays * 86400000;
  let best: (RepeatMatch & { rank: number }) | null = null;
  for (const t of openTickets) {
    if (!sameRequester(item.requester, t.requester)) continue;
    if (!(Math.abs(now - time(t.at)) <= window)) continue;
    const place = placeAgrees(item, t);
    if (place === 'different') continue;
    const sameCategory = Boolean(item.category && item.category === t.category);
    if (item.category && t.category && !sameCategory && place !== 'same') continue;
    const sim = textSimilarity(item.text, t.text, [item.place, t.place, item.region, t.region]);
    const sameMatter = place === 'same' && sameCategory;
    const ok = sameMatter || sim >= threshold || (sim >= supported && place === 'same');
    // Place and category agreeing outrank wording alone.
    const rank = (sameMatter ? 1 : 0) + sim;
    if (ok && (!best || rank > best.rank)) {
      best = { ticketId: t.id, similarity: Math.round(sim * 1000) / 1000, basis: sameMatter ? 'place_and_category' : 'text', rank };
    }
  }
  return best && { ticketId: best.ticketId, similarity: best.similarity, basis: best.basis };
}
