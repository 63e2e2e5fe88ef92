import { emptyFactCounts, RATE_PRESET_SPECS, rateDefinition, rateFigures, RateSpec, UNIT_QUALITY_RATES, weightedScore } from './rate-definitions';

describe('configured rates', () => {
  it('writes a definition naming each fact, with sums in brackets', () => {
    const spec: RateSpec = { key: 'x', label: '综合率', numerator: ['replied', 'closed'], denominator: ['dispatched'], weight: 1 };
    expect(rateDefinition(spec)).toBe('综合率 = （承办单位已反馈的交办件 + 已办结归档的交办件） ÷ 交办件');
  });

  it('scores only the rates with a denominator, and a lower-is-better rate as its complement', () => {
    const c = { ...emptyFactCounts(), surveyAnswered: 0, dispatched: 4, repeated: 1, firstDispatchCorrect: 3 };
    const beijing = rateFigures(c, RATE_PRESET_SPECS.beijing);
    expect(beijing.map((f) => f.value)).toEqual([0, 0, 0]);
    expect(weightedScore(beijing, RATE_PRESET_SPECS.beijing)).toBeNull();
    const scored = UNIT_QUALITY_RATES.map((s) => ({ ...s, weight: 1 }));
    // 派单准确率 3/4 = 0.75, 重复件率 1/4 scored as 0.75: 75 points.
    expect(weightedScore(rateFigures(c, scored), scored)).toBe(75);
  });
});
