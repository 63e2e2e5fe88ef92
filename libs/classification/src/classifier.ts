import type { Classification, ClassifyInput, Suggestion } from './classification-types';
import { Directory, type ClassificationConfig, type Route } from './directory';
import { r4 } from './calibration';
import { keepInside, rangesOf } from './mask-ranges';
import { Gazetteer } from './gazetteer';
import { RegexGate } from './regex-gate';
import { LinearModel } from './model';
import type { RouterModelJson } from './router-model';
import { applyRules, type RoutingRule, type RuleOutcome } from './rules';
import { NgramBuffer, requestClauses } from './text';
import { topTermsOf } from './top-terms';
import { UnitMentions } from './unit-mentions';
import { UrgencyDetector } from './urgency';
import { UrgencyDecider } from './urgency-decision';

export type { Classification, ClassifyInput, Suggestion } from './classification-types';

/** Turns text into a routing decision with a loaded model, the directory, the gazetteer, urgency signals and rules. */
export class Classifier {
  readonly directory: Directory;
  readonly gazetteer: Gazetteer;
  readonly urgency: UrgencyDetector;
  readonly linear: LinearModel;
  private rules: RoutingRule[] = [];
  private readonly labels: string[];
  private readonly k: number;
  private readonly logits: Float32Array;
  private readonly probs: Float64Array;
  private readonly buf = new NgramBuffer();
  private readonly thresholds: Float64Array;
  private readonly invT: number;
  private readonly mentionBonus: number;
  readonly mentions: UnitMentions;
  private readonly urgencyDecider: UrgencyDecider;

  constructor(
    readonly model: RouterModelJson,
    cfg: ClassificationConfig,
    parts?: { directory?: Directory; gazetteer?: Gazetteer; urgency?: UrgencyDetector },
  ) {
    this.directory = parts?.directory ?? new Directory(cfg);
    this.gazetteer = parts?.gazetteer ?? new Gazetteer(cfg.regions);
    this.urgency = parts?.urgency ?? new UrgencyDetector(cfg.urgency ?? { signals: [] });
    this.linear = LinearModel.fromJSON(model.linear);
    this.labels = this.linear.labels;
    this.k = this.labels.length;
    this.logits = new Float32Array(this.k);
    this.probs = new Float64Array(this.k);
    this.groupSums = new Float64Array(this.k);
    this.invT = 1 / (model.temperature || 1);
    this.mentions = new UnitMentions(this.labels.map((c) => this.directory.category(c)?.unit ?? null));
    this.mentionBonus = this.mentions.useful ? (model.unitMentionBonus ?? 0) : 0;
    this.urgencyDecider = new UrgencyDecider(model, this.urgency, this.labels, this.directory);
    this.thresholds = Float64Array.from(this.labels, (c) => {
      const own = this.directory.category(c)?.autoThreshold;
      return own ?? Math.max(model.autoThreshold, model.categoryThresholds[c] ?? 0);
    });
  }

  private readonly groupCache = new Map<string | null, Int32Array>();
  private readonly routeCache = new Map<string | null, Array<Route | undefined>>();

  /** The route of label j in a region (the directory's answer, kept: the same few regions and labels come again). */
  private routeOf(j: number, region: string | null): Route {
    let routes = this.routeCache.get(region);
    if (!routes) this.routeCache.set(region, (routes = new Array<Route | undefined>(this.k)));
    return (routes[j] ??= this.directory.route(this.labels[j], region));
  }
  private readonly groupSums: Float64Array = new Float64Array(0);

  /** For a region: label index → index of its unit group (categories sharing a unit share a group). */
  private groupsFor(region: string | null): Int32Array {
    let g = this.groupCache.get(region);
    if (!g) {
      const ids = new Map<string, number>();
      g = Int32Array.from(this.labels, (c) => {
        const key = this.directory.routeKey(c, region);
        if (!ids.has(key)) ids.set(key, ids.size);
        return ids.get(key)!;
      });
      this.groupCache.set(region, g);
    }
    return g;
  }

  get version(): string {
    return this.model.version;
  }

  setRules(rules: readonly RoutingRule[]): void {
    this.rules = [...rules];
  }

  /** Calibrated category probabilities (the classifier's buffer; copy to keep). */
  categoryProbabilities(text: string, mask?: number[]): Float64Array {
    const out = this.linear.scores(text, this.logits, mask, this.buf);
    if (this.mentionBonus) {
      // The unit the request names: its categories gain (request clauses come from the scorer when it has cue features).
      const m = this.mentions;
      m.find(text, this.linear.cues ? this.buf.clauses : requestClauses(text));
      for (let i = 0; i < m.count; i++) out[m.found[i]] += this.mentionBonus;
    }
    const p = this.probs;
    let max = -Infinity;
    for (let j = 0; j < this.k; j++) if (out[j] > max) max = out[j];
    let sum = 0;
    for (let j = 0; j < this.k; j++) {
      p[j] = Math.exp((out[j] - max) * this.invT);
      sum += p[j];
    }
    for (let j = 0; j < this.k; j++) p[j] /= sum;
    return p;
  }

  classify(item: ClassifyInput): Classification {
    const text = item.text ?? '';
    const place = this.gazetteer.resolve(text, item.address);
    const region = place.region;
    const mask = this.model.maskPlaces ? rangesOf(place.matches, text) : undefined;
    const p = this.categoryProbabilities(text, mask);
    // Read now: severalMatters scores again with the same model.
    const urgent = this.urgencyDecider.decide(text, this.linear.extraScore, p);
    const dir = this.directory;

    // The unit is what matters: sum the probability of categories that lead to the same unit.
    const groups = this.groupsFor(region);
    const sums = this.groupSums;
    sums.fill(0);
    for (let j = 0; j < this.k; j++) sums[groups[j]] += p[j];
    let bestGroup = 0;
    for (let g = 1; g < sums.length; g++) if (sums[g] > sums[bestGroup]) bestGroup = g;
    const conf = sums[bestGroup];
    let best = -1;
    for (let j = 0; j < this.k; j++) if (groups[j] === bestGroup && (best < 0 || p[j] > p[best])) best = j;

    // No rules (most deployments' first weeks, and every evaluation): nothing to apply.
    const ruled: RuleOutcome = this.rules.length ? applyRules({ text, channel: item.channel, source: item.source, region }, this.rules) : { matched: [] };
    let category = this.labels[best];
    let confidence = conf;
    let notAuto: string | undefined;
    let auto = conf >= this.thresholds[best];
    if (!auto) notAuto = 'low confidence';
    const forcedCategory = ruled.category && dir.has(ruled.category) ? ruled.category : undefined;
    if (forcedCategory) category = forcedCategory;
    const route = forcedCategory ? dir.route(category, region) : this.routeOf(best, region);
    let department = route.department;
    // A copy: the route is kept for the next items.
    let assistUnits = route.assistUnits.slice();
    if (ruled.unit) department = ruled.unit;
    if (ruled.assistUnits) assistUnits = ruled.assistUnits;
    if (forcedCategory || ruled.unit) {
      confidence = 1;
      auto = ruled.auto ?? true;
      notAuto = auto ? undefined : 'rule asks for an operator';
    } else if (ruled.auto === false) {
      auto = false;
      notAuto = 'rule asks for an operator';
    }
    const disposition = ruled.unit ? 'dispatch' : route.disposition;
    if (disposition === 'dispatch' && !department) {
      auto = false;
      notAuto = 'no region found for a unit chosen by place';
    }

    const urgency = ruled.urgency ?? urgent.urgency;
    const sensitive = ruled.sensitive ?? urgent.sensitive;
    // Unsure whether it is urgent: an operator decides, whatever the routing confidence.
    const urgencySuspected = !ruled.urgency && urgent.suspected;
    if (urgencySuspected && auto) {
      auto = false;
      notAuto = 'urgency uncertain';
    }

    // Top three categories as suggestions (equals in label order).
    let t0 = -1;
    let t1 = -1;
    let t2 = -1;
    for (let j = 0; j < this.k; j++) {
      const v = p[j];
      if (t0 < 0 || v > p[t0]) {
        t2 = t1;
        t1 = t0;
        t0 = j;
      } else if (t1 < 0 || v > p[t1]) {
        t2 = t1;
        t1 = j;
      } else if (t2 < 0 || v > p[t2]) t2 = j;
    }
    const top = [t0, t1, t2].filter((j) => j >= 0);
    const suggestions: Suggestion[] = top.map((j) => ({
      category: this.labels[j],
      department: this.routeOf(j, region).department,
      confidence: r4(p[j]),
    }));
    if (forcedCategory && suggestions[0].category !== forcedCategory) {
      suggestions.unshift({ category: forcedCategory, department, confidence: 1 });
      suggestions.length = 3;
    }

    // Read before severalMatters, which scores the parts in the same buffers (logits, n-grams, probabilities).
    const topTerms = topTermsOf(this.linear, this.buf, forcedCategory ? this.labels.indexOf(category) : best);
    // Two matters in one call (占道经营, 另外自来水发黄) for two units: one dispatch would leave one unhandled.
    if (auto && disposition === 'dispatch' && !forcedCategory && !ruled.unit && this.severalMatters(text, mask, region)) {
      auto = false;
      notAuto = 'several matters for different units';
    }

    return {
      category,
      region,
      department,
      assistUnits,
      urgency,
      urgencySuspected,
      urgencyScore: urgent.score,
      sensitive,
      disposition,
      confidence: r4(confidence),
      auto,
      suggestions,
      why: {
        matchedRules: ruled.matched,
        topTerms,
        place: place.place && region ? { name: place.place, region } : null,
        ambiguousPlaces: place.ambiguous,
        urgencySignals: urgent.signals,
        ...(auto ? {} : { notAuto }),
      },
    };
  }

  /**
   * The text names another matter (另外, 此外, 二是…) and its parts, scored on their own, go with
   * confidence to different units.
   */
  private severalMatters(text: string, mask: number[] | undefined, region: string | null): boolean {
    ANOTHER_GATE.select(text);
    if (!ANOTHER_GATE.may(0)) return false;
    const cuts = [0];
    ANOTHER_MATTER.lastIndex = 0;
    for (let m = ANOTHER_MATTER.exec(text); m; m = ANOTHER_MATTER.exec(text)) if (m.index > 0) cuts.push(m.index);
    if (cuts.length < 2) return false;
    cuts.push(text.length);
    const groups = this.groupsFor(region);
    const units = new Set<number>();
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = text.slice(cuts[i], cuts[i + 1]);
      if ((part.match(/\p{Script=Han}/gu)?.length ?? 0) < MIN_MATTER_CHARS) continue;
      const from = cuts[i];
      const partMask = mask?.map((x) => x - from);
      const p = this.categoryProbabilities(part, partMask && keepInside(partMask, part.length));
      const sums = new Float64Array(this.groupSums.length);
      for (let j = 0; j < this.k; j++) sums[groups[j]] += p[j];
      let best = 0;
      for (let g = 1; g < sums.length; g++) if (sums[g] > sums[best]) best = g;
      if (sums[best] >= PART_CONFIDENCE) units.add(best);
    }
    return units.size > 1;
  }
}

// Words that open another matter in the same request.
const ANOTHER_MATTER = /另外|此外|除此之外|还有一件事|还有一个问题|还想反映|同时反映|二是|第二[，,、：:]|其次/g;
/** Most requests name one matter: their text holds none of the words above, and the pattern is not run. */
const ANOTHER_GATE = new RegexGate([ANOTHER_MATTER]);
/** A part shorter than this says too little to be a matter of its own. */
const MIN_MATTER_CHARS = 6;
/** A part counts as a matter for a unit when that unit is likelier than all others together. */
const PART_CONFIDENCE = 0.5;
