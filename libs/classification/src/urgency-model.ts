/**
 * Urgency as a calibrated decision: a logistic combination of the evidence (the urgency text model's logit over
 * the item's n-grams, the urgency.yaml signals found, general wording cues and whether the item's categories
 * have an `urgent_when`), fitted out of fold, with two thresholds: at or above `urgentThreshold` the item is
 * urgent, between `suspectedThreshold` and it an operator decides (疑似紧急).
 */
import { RegexGate } from './regex-gate';

/** Wording that says when, to whom and how sure a danger is: evidence for or against urgency, weighed in training. */
export const URGENCY_CUES: ReadonlyArray<{ name: string; re: RegExp }> = [
  {
    name: 'now',
    re: /正在|现在|此刻|刚才|刚刚|还在|越来越|一直在|马上|立即|立刻|赶紧|赶快|快来|快派|尽快派|求求|救命|来不及|等不到|已经[^，。]{0,4}(小时|分钟)/,
  },
  {
    name: 'harm',
    re: /头晕|头疼|头痛|恶心|想吐|呕吐|上吐下泻|拉肚子|肚子疼|胸口|胸闷|心脏|发紫|出血|休克|晕倒|晕了|昏迷|不省人事|叫不醒|叫不应|没反应|喘不上|呼吸|窒息|溺水|流血|受伤|伤了|烧伤|烫伤|被困|困着|困在|卡住|出不来|下不来|不让[^，。]{0,4}下|送医|120|中暑|发烧|高烧|抽搐|咳|流眼泪|砸|压住|压到|掉进|掉下|倒地|不动|不行了/,
  },
  { name: 'many', re: /整个|整栋|整片|整条|全村|全镇|全乡|全楼|全部|一片|几百|上千|一千|几万|好几个|好几家|多个|十几|二十多|几十|一百多|两百|大片|大批|成片/ },
  { name: 'vulnerable', re: /老人|孩子|小孩|婴儿|孕妇|病人|学生|幼儿园|小学|学校|卧床|瘫痪|残疾|透析|呼吸机|制氧机|独居/ },
  { name: 'spreading', re: /冒烟|冒火|火苗|火星|着了|烧起来|冒气|喷|涌|往外冒|漫|灌|涨|淹|塌|裂开|歪|晃|往下掉|往下滑|断了|爆了|嘶嘶|滋滋|嗤嗤|噼里啪啦/ },
  { name: 'cold', re: /零下|冻|冰窖|[零一二三四五六七八九十]度|(?<![0-9])[0-9]度/ },
  {
    name: 'over',
    re: /已经(恢复|来水|来电|修好|处理|解决|扑灭|好了|出院|通车)|现在(已|好了|来电|来水|没事|能走|通了)|已来|已经没事|没人受伤|恢复了|修好了|扑灭了|水退了|上个月|上周|上週|上礼拜|上星期|上次|上回|去年|前年|前段时间|那次|那回|当时|事后|后来/,
  },
  {
    name: 'longStanding',
    re: /好几年|多年|很多年|一年多|两年|几个月|好几个月|很久|一直(都)?这样|长期|常年|一直没|好多年|有一阵子|有一段时间|老是|经常|每天|天天/,
  },
  {
    name: 'question',
    re: /请问|想问|问一下|问问|咨询|询问|是否|能不能|可不可以|有没有规定|要不要|怎么办理|需要什么|什么手续|合法吗|犯不犯法|归谁|谁负责|谁赔|多少钱|怎么算|怎么查|查一下|查下/,
  },
  { name: 'complaint', re: /投诉|说法|整治|效率|态度|推诿|不作为|处理太轻|追责|规范|监管/ },
  { name: 'worry', re: /担心|万一|会不会|以后|将来|隐患|不放心|看着|预案|提前|建议/ },
  { name: 'money', re: /赔偿|赔|退款|退费|费用|工资|收费|涨价|罚/ },
];

export interface UrgencyCurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  /** Share of items at or above the threshold. */
  flagged: number;
}

export interface UrgencyModelJson {
  /** Weight of the urgency text model's logit (the routing model's extra output). */
  textWeight: number;
  /** Weight of each urgency.yaml signal found, by name. */
  signals: Record<string, number>;
  /** Weight of each wording cue (URGENCY_CUES) found, by name. */
  cues: Record<string, number>;
  /** Weight of the probability that the item belongs to a category with an `urgent_when`. */
  urgentCategory: number;
  bias: number;
  /** Calibrated probability at or above which an item is urgent. */
  urgentThreshold: number;
  /** Probability at or above which (and under `urgentThreshold`) an item waits for an operator as 疑似紧急. */
  suspectedThreshold: number;
  /** Out-of-fold precision and recall by threshold (from training). */
  curve: UrgencyCurvePoint[];
}

/** The evidence of one item, as the stacker weighs it. */
export interface UrgencyEvidence {
  textLogit: number;
  signals: readonly string[];
  urgentCategory: number;
  text: string;
}

/** Feature vector: [text logit, signals…, cues…, urgent category]. */
export function evidenceVector(
  e: UrgencyEvidence,
  signalNames: readonly string[],
  out = new Float64Array(2 + signalNames.length + URGENCY_CUES.length),
): Float64Array {
  let i = 0;
  out[i++] = e.textLogit;
  for (const name of signalNames) out[i++] = e.signals.includes(name) ? 1 : 0;
  for (const cue of URGENCY_CUES) out[i++] = cue.re.test(e.text) ? 1 : 0;
  out[i++] = e.urgentCategory;
  return out;
}

/** Under this logit the probability is under 0.00005: 0 at the 4 decimals a score is given with. */
const NEGLIGIBLE_LOGIT = -10;

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** The cues' patterns, each run only on text that has a char its matches can begin with. */
const CUE_GATE = new RegexGate(URGENCY_CUES.map((c) => c.re));

/** Scores items with a trained urgency model. */
export class UrgencyScorer {
  private readonly w: Float64Array;
  /** The most the wording cues can add. */
  private readonly cueMax: number;
  constructor(
    readonly json: UrgencyModelJson,
    private readonly signalNames: readonly string[],
  ) {
    this.w = Float64Array.from([
      json.textWeight,
      ...signalNames.map((s) => json.signals[s] ?? 0),
      ...URGENCY_CUES.map((c) => json.cues[c.name] ?? 0),
      json.urgentCategory,
    ]);
    this.cueMax = URGENCY_CUES.reduce((sum, c) => sum + Math.max(0, json.cues[c.name] ?? 0), 0);
  }

  probability(e: UrgencyEvidence): number {
    const w = this.w;
    const names = this.signalNames;
    let z = this.json.bias + w[0] * e.textLogit + w[w.length - 1] * e.urgentCategory;
    for (let i = 0; i < names.length; i++) if (e.signals.includes(names[i])) z += w[1 + i];
    // Whatever the wording cues say, the probability rounds to 0 (4 decimals): they are not read (most ordinary items).
    if (z + this.cueMax < NEGLIGIBLE_LOGIT) return 0;
    CUE_GATE.select(e.text);
    for (let c = 0, at = 1 + names.length; c < URGENCY_CUES.length; c++, at++) if (CUE_GATE.test(c, e.text)) z += w[at];
    return sigmoid(z);
  }

  decide(p: number): 'urgent' | 'suspected' | 'normal' {
    if (p >= this.json.urgentThreshold) return 'urgent';
    return p >= this.json.suspectedThreshold ? 'suspected' : 'normal';
  }
}

/** Precision, recall and share flagged at each threshold. */
export function urgencyCurve(
  scored: ReadonlyArray<{ p: number; urgent: boolean }>,
  thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
): UrgencyCurvePoint[] {
  const positives = scored.filter((s) => s.urgent).length;
  return thresholds.map((threshold) => {
    const sel = scored.filter((s) => s.p >= threshold);
    const hit = sel.filter((s) => s.urgent).length;
    const r = (x: number) => Math.round(x * 10000) / 10000;
    return {
      threshold,
      precision: r(sel.length ? hit / sel.length : 1),
      recall: r(positives ? hit / positives : 1),
      flagged: r(sel.length / Math.max(scored.length, 1)),
    };
  });
}
