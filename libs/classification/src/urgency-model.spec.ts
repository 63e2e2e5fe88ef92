import { buildFeatures, trainLinear } from './linear-training';
import { LinearModel } from './model';
import { UrgencyDetector } from './urgency';
import { URGENCY_CUES, UrgencyScorer, urgencyCurve, type UrgencyModelJson } from './urgency-model';
import { fitLogistic, thresholdForPrecision, thresholdForRecall, trainUrgency } from './urgency-training';

const scored = [
  { p: 0.95, urgent: true },
  { p: 0.9, urgent: true },
  { p: 0.8, urgent: false },
  { p: 0.6, urgent: true },
  { p: 0.3, urgent: false },
  { p: 0.2, urgent: true },
  { p: 0.1, urgent: false },
  { p: 0.05, urgent: false },
];

describe('urgency thresholds and curve', () => {
  it('chooses the lowest threshold that keeps the precision, and the highest that keeps the recall', () => {
    // At 0.6: 3 of 4 urgent (75%); at 0.2: 4 of 6 (67%).
    expect(thresholdForPrecision(scored, 0.75)).toBe(0.6);
    expect(thresholdForPrecision(scored, 0.7)).toBe(0.6);
    expect(thresholdForPrecision(scored, 0.6)).toBe(0.2);
    expect(thresholdForRecall(scored, 1)).toBe(0.2);
    expect(thresholdForRecall(scored, 0.75)).toBe(0.6);
  });

  it('gives precision, recall and the share flagged by threshold', () => {
    const curve = urgencyCurve(scored, [0.1, 0.5, 0.9]);
    expect(curve).toEqual([
      { threshold: 0.1, precision: 0.5714, recall: 1, flagged: 0.875 },
      { threshold: 0.5, precision: 0.75, recall: 0.75, flagged: 0.5 },
      { threshold: 0.9, precision: 1, recall: 0.5, flagged: 0.25 },
    ]);
  });
});

describe('logistic fit', () => {
  it('weighs evidence that separates the classes and ignores evidence that does not', () => {
    // Feature 0 marks the positives; feature 1 is on for half of each class.
    const X = [...Array(40).keys()].map((i) => Float64Array.from([i < 20 ? 1 : 0, i % 2]));
    const y = [...Array(40).keys()].map((i) => (i < 20 ? 1 : 0));
    const w = fitLogistic(X, y, 1);
    expect(w[0]).toBeGreaterThan(2);
    expect(Math.abs(w[1])).toBeLessThan(0.5);
  });
});

describe('the urgency scorer', () => {
  const json: UrgencyModelJson = {
    textWeight: 1,
    signals: { 燃气泄漏: 3 },
    cues: Object.fromEntries(URGENCY_CUES.map((c) => [c.name, 0])),
    urgentCategory: 0,
    bias: 0,
    urgentThreshold: 0.7,
    suspectedThreshold: 0.3,
    curve: [],
  };
  const scorer = new UrgencyScorer(json, ['燃气泄漏']);

  it('is urgent at or above the urgent threshold, 疑似紧急 in the band below it, normal under', () => {
    const p = (textLogit: number, signals: string[] = []) => scorer.probability({ textLogit, signals, urgentCategory: 0, text: '' });
    expect(scorer.decide(p(2))).toBe('urgent');
    expect(scorer.decide(p(0))).toBe('suspected');
    expect(scorer.decide(p(-2))).toBe('normal');
    // A signal of urgency.yaml is evidence: it lifts a doubtful text over the threshold.
    expect(scorer.decide(p(-3))).toBe('normal');
    expect(scorer.decide(p(-3, ['燃气泄漏']))).toBe('suspected');
    expect(scorer.decide(p(0, ['燃气泄漏']))).toBe('urgent');
  });

  it('gives 0 at once when no wording could lift the probability to the fourth decimal', () => {
    expect(scorer.probability({ textLogit: -30, signals: [], urgentCategory: 0, text: '正在冒烟，老人头晕' })).toBe(0);
  });
});

describe('the urgency text model as the extra output of a linear model', () => {
  it('scores in the same pass and survives saving', () => {
    const texts = ['燃气管道漏气', '垃圾没人清运', '家里停水了'];
    const m = trainLinear(texts, [0, 1, 2], ['a', 'b', 'c'], [undefined, undefined, undefined], { bits: 16, epochs: 5 });
    const extra = Float32Array.from(m.buckets, (_, r) => (r % 2 ? 0.5 : -0.25));
    const withExtra = m.withExtra(extra, 0.125);
    const out = new Float32Array(3);
    const plain = Array.from(m.scores('燃气漏气了', out));
    expect(Array.from(withExtra.scores('燃气漏气了', out))).toEqual(plain);
    const first = withExtra.extraScore;
    expect(first).not.toBe(0.125);
    const loaded = LinearModel.fromJSON(JSON.parse(JSON.stringify(withExtra.toJSON())));
    loaded.scores('燃气漏气了', out);
    expect(loaded.extraScore).toBeCloseTo(first, 6);
  });
});

describe('training urgency', () => {
  const urgent = [
    '楼道里一股怪味，邻居说头晕想吐，现在人都在楼下',
    '配电箱正在冒烟，噼里啪啦响，楼里还有人',
    '电梯卡在半空，里面有老人，已经半个小时了',
    '小区整栋楼停水两天，老人孩子没水喝',
    '路面突然陷下去一个大坑，有车掉进去了',
    '河边有个小孩掉水里了，水流很急',
    '厨房那边味道越来越重，老伴刚才晕倒了',
    '电线断了垂在地上还在打火花，马上放学了',
    '暖气停了三天，屋里八度，孩子发高烧',
    '工地脚手架在晃，已经塌了一角，下面有人走',
  ];
  const normal = [
    '请问燃气灶能不能挪到阳台，需要什么手续',
    '上个月停水那次已经恢复了，想问水费怎么算',
    '路灯一年多没亮了，一直没人修',
    '担心今年冬天供暖推迟，想问有没有预案',
    '楼下烧烤摊天天吵到半夜，吵得睡不着',
    '电梯上周关过人，后来修好了，想换维保公司',
    '物业费涨了，想问是否合规',
    '燃气报警器是不是必须装，有没有规定',
    '小区消防栓好多年没水了，不知道归谁管',
    '前天停电现在已来电，冰箱里的东西坏了找谁赔',
    '孩子上学报名需要什么材料',
    '公交车班次太少，希望加车',
  ];
  const items = [...urgent.map((text) => ({ text, urgent: true, urgentCategory: 0 })), ...normal.map((text) => ({ text, urgent: false, urgentCategory: 0 }))];
  const texts = items.map((i) => i.text);
  const rows = buildFeatures(
    texts,
    texts.map(() => undefined),
    16,
    1,
    4,
    false,
  );
  const trained = trainUrgency(items, rows, { bits: 16, epochs: 10, learningRate: 5, maxN: 4, minCount: 1 }, new UrgencyDetector([]), { folds: 3 });

  it('learns a calibrated decision with the 疑似紧急 band under the urgent threshold', () => {
    expect(trained).not.toBeNull();
    const u = trained!;
    expect(u.extra).toHaveLength(rows.buckets.length);
    expect(u.json.suspectedThreshold).toBeLessThanOrEqual(u.json.urgentThreshold / 2);
    // Recall never rises with the threshold.
    for (let i = 1; i < u.json.curve.length; i++) expect(u.json.curve[i].recall).toBeLessThanOrEqual(u.json.curve[i - 1].recall);
    // Out of fold, the urgent items score higher than the normal ones on the whole.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const oof = Array.from(u.oof);
    expect(mean(oof.slice(0, urgent.length))).toBeGreaterThan(mean(oof.slice(urgent.length)));
  });

  it('declines to train without urgent examples (the signals then decide)', () => {
    expect(
      trainUrgency(
        items.filter((i) => !i.urgent),
        rows,
        { bits: 16 },
        new UrgencyDetector([]),
        { folds: 3 },
      ),
    ).toBeNull();
  });
});
