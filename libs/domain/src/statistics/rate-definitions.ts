/**
 * Rates as a city defines them (config/rates.yaml): each rate is a sum of named facts over a sum
 * of named facts, counted per ticket. The facts, their Chinese wording, the shipped presets
 * (53号文 三率 and Beijing 接诉即办) and the arithmetic are here; the counting is libs/database's.
 */

/** What can be counted per ticket (each ticket counts 0 or 1 for each fact). */
export const RATE_FACTS = [
  'received',
  'dispatched',
  'answeredInTime',
  'replied',
  'onTimeCompletion',
  'closed',
  'resolvedByUnit',
  'surveyed',
  'satisfiedInclBasic',
  'satisfiedOnly',
  'surveyAnswered',
  'contacted',
  'resolvedByCitizen',
  'citizenSatisfiedInclBasic',
  'citizenSatisfiedOnly',
  'firstDispatchCorrect',
  'repeated',
] as const;
export type RateFact = (typeof RATE_FACTS)[number];

export const RATE_FACT_LABELS: Record<RateFact, string> = {
  received: '受理件',
  dispatched: '交办件',
  answeredInTime: '在签收时限内签收的交办件',
  replied: '承办单位已反馈的交办件',
  onTimeCompletion: '在办理时限内（含经批准的延期）反馈的交办件',
  closed: '已办结归档的交办件',
  resolvedByUnit: '承办单位办理结果为“已解决”的交办件',
  surveyed: '已回访评价件',
  satisfiedInclBasic: '回访评价为满意或基本满意的件',
  satisfiedOnly: '回访评价为满意的件（不含基本满意）',
  surveyAnswered: '诉求人已作答回访的交办件',
  contacted: '诉求人答复“承办单位已联系”的件',
  resolvedByCitizen: '诉求人答复“问题已解决”的件',
  citizenSatisfiedInclBasic: '诉求人回访评价为满意或基本满意的件',
  citizenSatisfiedOnly: '诉求人回访评价为满意的件（不含基本满意）',
  firstDispatchCorrect: '首次派单未被退回或改派的交办件',
  repeated: '有重复来电来信并入的交办件',
};

export function isRateFact(name: string): name is RateFact {
  return (RATE_FACTS as readonly string[]).includes(name);
}

/** One configured rate: numerator ÷ denominator, each a sum of facts; its weight in the unit ranking. */
export interface RateSpec {
  key: string;
  label: string;
  numerator: RateFact[];
  denominator: RateFact[];
  /** Weight in the 考核 score (0 = shown, not scored). */
  weight: number;
  /** A rate where lower is better (重复件率): the score uses 1 - value. */
  lowerIsBetter?: boolean;
}

export const RATE_PRESETS = ['53号文', 'beijing'] as const;
export type RatePreset = (typeof RATE_PRESETS)[number];

const spec = (key: string, label: string, numerator: RateFact[], denominator: RateFact[], weight: number, lowerIsBetter = false): RateSpec => ({
  key,
  label,
  numerator,
  denominator,
  weight,
  ...(lowerIsBetter ? { lowerIsBetter } : {}),
});

/** The shipped rate sets. 53号文: the 三率 the work summary has always printed; beijing: from the citizen's answers. */
export const RATE_PRESET_SPECS: Record<RatePreset, RateSpec[]> = {
  '53号文': [
    spec('responseRate', '响应率', ['answeredInTime'], ['dispatched'], 0.2),
    spec('feedbackRate', '反馈率', ['replied'], ['dispatched'], 0.2),
    spec('completionRate', '办结率', ['closed'], ['dispatched'], 0.2),
    spec('onTimeRate', '按期办结率', ['onTimeCompletion'], ['dispatched'], 0.2),
    spec('satisfactionRate', '满意率', ['satisfiedInclBasic'], ['surveyed'], 0.2),
  ],
  beijing: [
    spec('responseRate', '响应率', ['contacted'], ['surveyAnswered'], 0.1),
    spec('resolutionRate', '解决率', ['resolvedByCitizen'], ['surveyAnswered'], 0.45),
    spec('satisfactionRate', '满意率', ['citizenSatisfiedInclBasic'], ['surveyAnswered'], 0.45),
  ],
};

/** Rates every set shows beside its own (item 2 of #20): not scored unless configured. */
export const UNIT_QUALITY_RATES: RateSpec[] = [
  spec('dispatchAccuracyRate', '派单准确率', ['firstDispatchCorrect'], ['dispatched'], 0),
  spec('repeatRate', '重复件率', ['repeated'], ['dispatched'], 0, true),
];

export type FactCounts = Record<RateFact, number>;

export function emptyFactCounts(): FactCounts {
  return Object.fromEntries(RATE_FACTS.map((f) => [f, 0])) as FactCounts;
}

/** “响应率 = 诉求人答复‘承办单位已联系’的件 ÷ 诉求人已作答回访的交办件”: printed beside every figure. */
export function rateDefinition(s: RateSpec): string {
  const side = (facts: RateFact[]) => (facts.length > 1 ? `（${facts.map((f) => RATE_FACT_LABELS[f]).join(' + ')}）` : RATE_FACT_LABELS[facts[0]]);
  return `${s.label} = ${side(s.numerator)} ÷ ${side(s.denominator)}`;
}

export interface RateFigure {
  key: string;
  label: string;
  /** A fraction rounded to 4 places (0 when the denominator is 0). */
  value: number;
  numerator: number;
  denominator: number;
  weight: number;
  definition: string;
}

function sum(c: FactCounts, facts: RateFact[]): number {
  return facts.reduce((a, f) => a + (c[f] ?? 0), 0);
}

export function rateFigures(c: FactCounts, specs: RateSpec[]): RateFigure[] {
  return specs.map((s) => {
    const numerator = sum(c, s.numerator);
    const denominator = sum(c, s.denominator);
    const value = denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : 0;
    return { key: s.key, label: s.label, value, numerator, denominator, weight: s.weight, definition: rateDefinition(s) };
  });
}

/**
 * The weighted 考核 score out of 100: Σ weight × value ÷ Σ weight over the scored rates whose
 * denominator is not 0 (a unit without survey answers is scored on the rest); null when none.
 */
export function weightedScore(figures: RateFigure[], specs: RateSpec[]): number | null {
  let w = 0;
  let s = 0;
  for (const f of figures) {
    const sp = specs.find((x) => x.key === f.key);
    if (!sp || !(sp.weight > 0) || f.denominator === 0) continue;
    w += sp.weight;
    s += sp.weight * (sp.lowerIsBetter ? 1 - f.value : f.value);
  }
  return w > 0 ? Math.round((s / w) * 10000) / 100 : null;
}
