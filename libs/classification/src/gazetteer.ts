import type { RegionsFile } from '@hub/config';

export type PlaceKind = 'region' | 'street' | 'town' | 'township' | 'landmark';

export interface PlaceMatch {
  name: string;
  kind: PlaceKind;
  /** Regions this name can be in (more than one: ambiguous). */
  regions: string[];
  /** Offset in the searched text. */
  at: number;
  /** Where it was found. */
  in: 'text' | 'address';
}

export interface PlaceResult {
  region: string | null;
  /** The most specific unambiguous place that decided the region (landmark, street/town or region). */
  place: string | null;
  matches: PlaceMatch[];
  /** Names found that belong to more than one region and could not be decided. */
  ambiguous: string[];
}

interface Entry {
  name: string;
  kind: PlaceKind;
  regions: string[];
}

const SPECIFICITY: Record<PlaceKind, number> = { landmark: 3, street: 2, town: 2, township: 2, region: 1 };

/** Short region names (东湖 for 东湖区) that are followed by these are not the region (高新技术企业). */
const SHORT_FORM_NOT_BEFORE = /^(技术|产业|企业)/;

/**
 * The gazetteer: region, street/town and landmark names → region. Longest name wins at a position;
 * a name listed under two regions counts only if other evidence picks one of them.
 */
export class Gazetteer {
  private readonly byFirst = new Map<number, Entry[]>();
  private readonly shortForms = new Set<string>();

  constructor(regions: Pick<RegionsFile, 'regions'>) {
    const entries = new Map<string, Entry>();
    const add = (name: string, kind: PlaceKind, region: string) => {
      name = name.trim();
      if (name.length < 2) return;
      const e = entries.get(name);
      if (!e) entries.set(name, { name, kind, regions: [region] });
      else if (!e.regions.includes(region)) e.regions.push(region);
    };
    for (const r of regions.regions) {
      add(r.name, 'region', r.name);
      for (const a of r.aliases ?? []) add(a, 'region', r.name);
      for (const p of r.places) {
        add(p.name, p.kind, r.name);
        for (const l of p.landmarks) add(l, 'landmark', r.name);
      }
    }
    // Short forms of region names (东湖区 → 东湖) when no other region or place would share them.
    const counts = new Map<string, number>();
    const shorts: Array<[string, string]> = [];
    for (const r of regions.regions) {
      const short = r.name.replace(/(自治县|自治区|新区|区|县|市|旗)$/, '');
      if (short.length >= 2 && short !== r.name) {
        shorts.push([short, r.name]);
        counts.set(short, (counts.get(short) ?? 0) + 1);
      }
    }
    for (const [short, region] of shorts) {
      if (counts.get(short) !== 1 || entries.has(short)) continue;
      // A short form that begins another region's place names would mislead (e.g. 南湖 vs 南湖区).
      const clash = [...entries.values()].some((e) => e.name.startsWith(short) && !e.regions.includes(region));
      if (clash) continue;
      entries.set(short, { name: short, kind: 'region', regions: [region] });
      this.shortForms.add(short);
    }
    for (const e of entries.values()) {
      const c = e.name.charCodeAt(0);
      const list = this.byFirst.get(c) ?? [];
      list.push(e);
      this.byFirst.set(c, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.name.length - a.name.length);
  }

  /** Every place name in `text`, longest first at each position, without overlaps. */
  scan(text: string, where: 'text' | 'address' = 'text'): PlaceMatch[] {
    const out: PlaceMatch[] = [];
    for (let i = 0; i < text.length; i++) {
      const list = this.byFirst.get(text.charCodeAt(i));
      if (!list) continue;
      for (const e of list) {
        if (!text.startsWith(e.name, i)) continue;
        if (this.shortForms.has(e.name) && SHORT_FORM_NOT_BEFORE.test(text.slice(i + e.name.length, i + e.name.length + 2))) continue;
        out.push({ name: e.name, kind: e.kind, regions: e.regions, at: i, in: where });
        i += e.name.length - 1;
        break;
      }
    }
    return out;
  }

  /** Character ranges [from, to) of place names in `text`, for masking them out of model features. */
  ranges(text: string): number[] {
    const out: number[] = [];
    for (const m of this.scan(text)) out.push(m.at, m.at + m.name.length);
    return out;
  }

  /**
   * The region an item is about. Unambiguous names vote (more specific places weigh more, earlier
   * mentions break ties); ambiguous names count only for a region other evidence already supports.
   * The address field is used when the text alone does not decide.
   */
  resolve(text: string, address?: string | null): PlaceResult {
    const fromText = this.scan(text, 'text');
    const fromAddress = address ? this.scan(address, 'address') : [];
    // Places that say where the caller lives (东湖区某村的来电人称…, 住在…, a signature line) count only when
    // no other place decides: the item is about where the problem is.
    if (fromText.some((m) => aboutCaller(text, m))) {
      const own = decide(fromText.filter((m) => !aboutCaller(text, m)));
      if (own.region) return { ...own, matches: [...fromText, ...fromAddress] };
    }
    const first = decide(fromText);
    if (first.region) return { ...first, matches: [...fromText, ...fromAddress] };
    const both = decide([...fromText, ...fromAddress]);
    return { ...both, matches: [...fromText, ...fromAddress] };
  }
}

/** A place followed by who calls (…的来电人, …的市民, …一居民) or preceded by 住在/家住. */
const CALLER_AFTER = /[^，。！？,;；\n]{0,8}?(的来电人|的来电群众|的来电市民|的市民|的居民|的村民|一居民|一市民|一村民)/y;
const CALLER_BEFORE = ['住在', '家住', '我住'];
/** A last line this short without a full stop is a signature (东湖区望江村一居民). */
const SIGNATURE_MAX = 24;

function aboutCaller(text: string, m: PlaceMatch): boolean {
  CALLER_AFTER.lastIndex = m.at + m.name.length;
  if (CALLER_AFTER.test(text)) return true;
  for (const w of CALLER_BEFORE) if (text.startsWith(w, m.at - w.length)) return true;
  if (text.length - m.at > SIGNATURE_MAX + 1) return false;
  const nl = text.lastIndexOf('\n', text.length - 2);
  if (nl >= 0 && m.at > nl) {
    const line = text.slice(nl + 1).trim();
    if (line.length <= SIGNATURE_MAX && !/[。！？!?]/.test(line)) return true;
  }
  return false;
}

function decide(matches: PlaceMatch[]): Omit<PlaceResult, 'matches'> {
  const score = new Map<string, { score: number; first: number; place: PlaceMatch }>();
  const ambiguous: PlaceMatch[] = [];
  matches.forEach((m, order) => {
    if (m.regions.length !== 1) {
      ambiguous.push(m);
      return;
    }
    const r = m.regions[0];
    const s = score.get(r);
    const w = SPECIFICITY[m.kind];
    if (!s) score.set(r, { score: w, first: order, place: m });
    else {
      s.score += w;
      if (SPECIFICITY[m.kind] > SPECIFICITY[s.place.kind]) s.place = m;
    }
  });
  // An ambiguous name supports the regions that other evidence already names.
  const unresolved: string[] = [];
  for (const m of ambiguous) {
    const supported = m.regions.filter((r) => score.has(r));
    if (supported.length === 1) {
      const s = score.get(supported[0])!;
      s.score += SPECIFICITY[m.kind];
      if (SPECIFICITY[m.kind] > SPECIFICITY[s.place.kind]) s.place = { ...m, regions: [supported[0]] };
    } else unresolved.push(m.name);
  }
  let best: { region: string; score: number; first: number; place: PlaceMatch } | null = null;
  let tie = false;
  for (const [region, s] of score) {
    if (!best || s.score > best.score || (s.score === best.score && s.first < best.first)) {
      tie = Boolean(best && s.score === best.score && s.first === best.first);
      best = { region, ...s };
    }
  }
  if (!best || tie) return { region: null, place: null, ambiguous: unresolved };
  return { region: best.region, place: best.place.name, ambiguous: unresolved };
}
