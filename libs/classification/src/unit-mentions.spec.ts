import type { ClassificationConfig } from './directory';
import { Classifier } from './classifier';
import { requestClauses } from './text';
import { trainModel, type LabelledItem } from './training';
import { UnitMentions } from './unit-mentions';

const units = ['{region}城市管理局', '市水务集团', '市公安局', null, '市人力资源和社会保障局'];

function named(text: string): number[] {
  const m = new UnitMentions(units);
  m.find(text, requestClauses(text));
  return Array.from(m.found.subarray(0, m.count)).sort();
}

describe('units named in the request', () => {
  it('maps the usual short names to the units of the directory, templates included', () => {
    expect(named('小区门口垃圾堆积，希望城管部门尽快清运。')).toEqual([0]);
    expect(named('家里三天没水，请求自来水公司尽快恢复供水。')).toEqual([1]);
    expect(named('有人在楼道里打架，要求警方出警。')).toEqual([2]);
    expect(named('公司拖欠工资，恳请人社部门督促发放。')).toEqual([4]);
  });

  it('counts only request clauses, not units mentioned in the story', () => {
    expect(named('我去派出所问过，说不归他们管。希望相关部门处理。')).toEqual([]);
    expect(named('我去派出所问过，说不归他们管。希望城管部门处理。')).toEqual([0]);
  });

  it('does not count a unit that is only asked about (咨询…, 请问…)', () => {
    expect(named('来电人咨询水务集团营业厅周六是否上班。')).toEqual([]);
    expect(named('来电人询问派出所户籍窗口的地址。另外希望城管部门处理门口的摊点。')).toEqual([0]);
  });

  it('names several units when the request names several, each once', () => {
    expect(named('希望城管和公安部门联合执法，城管要多巡查。')).toEqual([0, 2]);
  });

  it('names nothing where the directory has no such unit', () => {
    const m = new UnitMentions(['燃气公司', null]);
    expect(m.useful).toBe(false);
    expect(m.find('希望城管部门处理。', requestClauses('希望城管部门处理。'))).toBe(0);
  });
});

describe('the unit-mention bonus in classification', () => {
  const cfg = {
    taxonomy: {
      categories: [
        { path: '城管/垃圾', unit: '{region}城市管理局' },
        { path: '供水/停水', unit: '市水务集团' },
        { path: '咨询/政策', directAnswer: true },
      ],
    },
    regions: { city: '测试市', regions: [{ name: '东区', kind: 'district', places: [{ name: '东门街道', kind: 'street', landmarks: [] }] }] },
    units: { units: [], supervisors: [] },
  } as unknown as ClassificationConfig;
  const phrases: Record<string, string[]> = {
    '城管/垃圾': ['垃圾没人清运', '垃圾桶满了', '垃圾堆积发臭', '建筑垃圾乱倒', '垃圾站臭气熏天', '生活垃圾好几天没拉走'],
    '供水/停水': ['家里停水了', '自来水停水一整天', '水压太低没水用', '突然停水没有通知', '水管没水', '自来水断水了'],
    '咨询/政策': ['咨询落户政策', '想了解公积金怎么提取', '询问社保缴费标准', '咨询居住证办理', '请问补贴政策', '咨询办证流程'],
  };
  const examples: LabelledItem[] = Object.entries(phrases).flatMap(([category, list]) =>
    list.flatMap((p, i) =>
      ['来电人称东门街道', '市民反映东门街道'].map((lead, k) => ({
        id: `${category}-${i}-${k}`,
        text: `${lead}${p}，请处理。`,
        category,
        region: '东区',
        department: category === '城管/垃圾' ? '东区城市管理局' : category === '供水/停水' ? '市水务集团' : null,
      })),
    ),
  );
  const fast = { folds: 3, linear: { epochs: 8, bits: 16 } };

  it('moves an item to the unit its request names, and does nothing at 0', () => {
    const text = '东门街道的垃圾没人清运，家里也停水了，希望城管部门先来处理。';
    const without = new Classifier(trainModel(examples, cfg, { ...fast, unitMentions: { bonus: 0 } }), cfg);
    const withBonus = new Classifier(trainModel(examples, cfg, { ...fast, unitMentions: { bonus: 12 } }), cfg);
    const a = without.categoryProbabilities(text)[0];
    const b = withBonus.categoryProbabilities(text)[0];
    expect(b).toBeGreaterThan(a);
    expect(withBonus.classify({ text }).department).toBe('东区城市管理局');
  });

  it('fits the bonus out of fold and keeps it in the model', () => {
    const model = trainModel(examples, cfg, fast);
    expect(typeof model.unitMentionBonus).toBe('number');
    expect(model.unitMentionBonus).toBeGreaterThanOrEqual(0);
  });
});
