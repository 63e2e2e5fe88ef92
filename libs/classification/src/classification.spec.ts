import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ClassificationConfig } from './directory';
import { Classifier } from './classifier';
import { Gazetteer } from './gazetteer';
import { applyRules, type RoutingRule } from './rules';
import { detectClusters } from './clusters';
import { findRepeat } from './repeats';
import type { HubConfig } from '@hub/config';
import { ensureModel, ModelStore } from './store';
import { crossValidate } from './cross-validation';
import { evaluate, shouldReplace } from './evaluation';
import { retrain } from './retrain';
import { trainModel, type LabelledItem } from './training';

// A small city: 码头 is a landmark in both 东区 and 西区.
const cfg = {
  taxonomy: {
    categories: [
      { path: '燃气/泄漏', unit: '燃气公司' },
      { path: '城管/垃圾', unit: '{region}城管局' },
      { path: '供水/停水', unit: '水务公司' },
      { path: '咨询/政策', directAnswer: true },
    ],
  },
  regions: {
    city: '测试市',
    regions: [
      { name: '东区', kind: 'district', places: [{ name: '东门街道', kind: 'street', landmarks: ['码头', '东湖小区'] }] },
      { name: '西区', kind: 'district', places: [{ name: '西关街道', kind: 'street', landmarks: ['码头', '西山花园'] }] },
    ],
  },
  units: { units: [], supervisors: [] },
  urgency: { signals: [{ name: '燃气泄漏', patterns: ['/燃气味(很|特别)?(重|浓)/'], sensitive: true }] },
} as unknown as ClassificationConfig;

const phrases: Record<string, string[]> = {
  '燃气/泄漏': ['燃气管道漏气', '闻到燃气味', '煤气表漏气', '燃气阀门坏了漏气', '天然气管道有漏气声', '液化气罐漏气'],
  '城管/垃圾': ['垃圾没人清运', '垃圾桶满了', '垃圾堆积发臭', '建筑垃圾乱倒', '垃圾站臭气熏天', '生活垃圾好几天没拉走'],
  '供水/停水': ['家里停水了', '自来水停水一整天', '水压太低没水用', '突然停水没有通知', '水管没水', '自来水断水了'],
  '咨询/政策': ['咨询落户政策', '想了解公积金怎么提取', '询问社保缴费标准', '咨询居住证办理', '请问补贴政策', '咨询办证流程'],
};
const places = ['东湖小区', '西山花园', '东门街道', '西关街道'];
function examples(): LabelledItem[] {
  const out: LabelledItem[] = [];
  let n = 0;
  for (const [category, list] of Object.entries(phrases)) {
    for (const p of list)
      for (const lead of ['市民来电反映', '来电人称', '您好，']) {
        const place = places[n++ % places.length];
        const region = place.startsWith('东') ? '东区' : '西区';
        const unit = cfg.taxonomy.categories.find((c) => c.path === category)!.unit;
        out.push({
          id: `t${n}`,
          text: `${lead}${place}${p}，请处理。`,
          category,
          region,
          department: unit ? unit.replace('{region}', region) : null,
          urgency: 'normal',
          disposition: unit ? 'dispatch' : 'direct_answer',
        });
      }
  }
  return out;
}
const fast = { folds: 3, linear: { epochs: 8, bits: 16 } };

describe('place resolution', () => {
  const g = new Gazetteer(cfg.regions);
  it('finds the region from a landmark, a street or the short region name', () => {
    expect(g.resolve('东湖小区门口垃圾没人收').region).toBe('东区');
    expect(g.resolve('西关街道有人占道').region).toBe('西区');
    expect(g.resolve('住在西山花园附近').place).toBe('西山花园');
  });
  it('gives no region for a name that is in two regions, unless other evidence decides', () => {
    const alone = g.resolve('码头边上垃圾成堆');
    expect(alone.region).toBeNull();
    expect(alone.ambiguous).toEqual(['码头']);
    expect(g.resolve('西关街道码头边上垃圾成堆').region).toBe('西区');
    expect(g.resolve('码头边上垃圾成堆', '东门街道12号').region).toBe('东区');
  });
  it('prefers the place of the problem to where the caller lives, which counts only when nothing else does', () => {
    expect(g.resolve('东门街道的来电人称西山花园门口垃圾成堆').region).toBe('西区');
    expect(g.resolve('我住在东湖小区。西关街道的夜市摊位摆到了马路上。').region).toBe('西区');
    expect(g.resolve('市长您好：西关街道的工地晚上还在施工，请管一管。\n东门街道一居民').region).toBe('西区');
    expect(g.resolve('东门街道的来电人称小区垃圾没人清运').region).toBe('东区');
    expect(g.resolve('市长您好：小区垃圾没人清运。\n东门街道一居民').region).toBe('东区');
  });
  it('gives no region when no place is named', () => {
    expect(g.resolve('小区垃圾没人收').region).toBeNull();
  });
});

describe('classification', () => {
  const model = trainModel(examples(), cfg, fast);
  const classifier = new Classifier(model, cfg);

  it('routes by category and place, and asks the operator when a place-chosen unit has no place', () => {
    const c = classifier.classify({ text: '东湖小区垃圾好几天没拉走，臭气熏天' });
    expect(c.category).toBe('城管/垃圾');
    expect(c.department).toBe('东区城管局');
    const noPlace = classifier.classify({ text: '小区垃圾好几天没拉走，臭气熏天' });
    expect(noPlace.department).toBeNull();
    expect(noPlace.auto).toBe(false);
    expect(noPlace.suggestions).toHaveLength(3);
  });

  it('marks gas smells urgent and sensitive, and direct-answer categories as direct answers', () => {
    const gas = classifier.classify({ text: '楼道里燃气味很重，燃气管道漏气' });
    expect(gas).toMatchObject({ category: '燃气/泄漏', department: '燃气公司', urgency: 'urgent', sensitive: true });
    const q = classifier.classify({ text: '咨询居住证办理需要什么材料' });
    expect(q).toMatchObject({ disposition: 'direct_answer', department: null });
  });

  it('leaves two matters for two units in one request to an operator, but not one matter told in two parts', () => {
    const one = classifier.classify({ text: '东湖小区垃圾好几天没拉走，垃圾桶满了，生活垃圾堆积发臭，垃圾站臭气熏天。' });
    const two = classifier.classify({ text: '东湖小区垃圾好几天没拉走，垃圾桶满了，生活垃圾堆积发臭，垃圾站臭气熏天。另外家里停水了' });
    expect(one.auto).toBe(true);
    expect(two).toMatchObject({ category: one.category, department: one.department, auto: false });
    expect(two.why.notAuto).toBe('several matters for different units');
    const same = classifier.classify({ text: '东湖小区垃圾好几天没拉走，垃圾桶满了，生活垃圾堆积发臭，垃圾站臭气熏天。另外建筑垃圾乱倒' });
    expect(same.auto).toBe(true);
  });

  it('lets a rule override the model, and tells which rule matched', () => {
    const rules: RoutingRule[] = [
      {
        id: 1,
        name: '码头片区停水归城管',
        priority: 10,
        enabled: true,
        conditions: { keywords: ['停水'], regions: ['西区'] },
        actions: { category: '城管/垃圾', urgency: 'urgent' },
      },
      { id: 2, name: '低优先级', priority: 1, enabled: true, conditions: { keywords: ['停水'] }, actions: { unit: '别的单位' } },
      { id: 3, name: '停用', priority: 99, enabled: false, conditions: { keywords: ['停水'] }, actions: { category: '咨询/政策' } },
    ];
    const before = classifier.classify({ text: '西山花园家里停水了' });
    expect(before.category).toBe('供水/停水');
    classifier.setRules(rules);
    const after = classifier.classify({ text: '西山花园家里停水了' });
    classifier.setRules([]);
    expect(after).toMatchObject({ category: '城管/垃圾', department: '别的单位', urgency: 'urgent', auto: true });
    expect(after.why.matchedRules.map((r) => r.id)).toEqual([1, 2]);
    expect(applyRules({ text: '东湖小区停水', region: '东区' }, rules).category).toBeUndefined();
  });

  it('round-trips: a trained model saved, loaded and evaluated keeps its accuracy', () => {
    const store = new ModelStore(mkdtempSync(join(tmpdir(), 'hub-models-')));
    store.save(model, { activate: true });
    const loaded = new Classifier(store.active()!, cfg);
    const m = evaluate(loaded, examples());
    expect(store.activeVersion()).toBe(model.version);
    expect(m.items).toBe(72);
    expect(m.department_accuracy).toBeGreaterThan(0.9);
    expect(m.auto_precision).toBeGreaterThanOrEqual(m.department_accuracy);
    expect(model.metrics?.items).toBe(72);
  });

  it('does not replace a better model with a worse one', () => {
    const good = {
      items: 100,
      category_accuracy: 0.97,
      department_accuracy: 0.98,
      region_accuracy: 1,
      urgent_recall: 1,
      urgent_precision: 0.9,
      auto_precision: 0.995,
      auto_coverage: 0.9,
    };
    expect(shouldReplace({ ...good, department_accuracy: 0.95 }, good)).toBe(false);
    expect(shouldReplace({ ...good, auto_precision: 0.97 }, good)).toBe(false);
    expect(shouldReplace({ ...good, department_accuracy: 0.99 }, good)).toBe(true);
    // A model trained on scrambled labels loses against the current one on the held-back slice.
    const scrambled = examples().map((e, i, all) => ({ ...e, category: all[(i * 7 + 3) % all.length].category }));
    const round = retrain(scrambled, model, cfg, { ...fast, heldBackShare: 0.3 });
    expect(round.replace).toBe(false);
  });
});

describe('a fresh install', () => {
  it('trains a model from the shipped examples the first time one is needed, and says so once', () => {
    const configDir = mkdtempSync(join(tmpdir(), 'hub-config-'));
    mkdirSync(join(configDir, 'training'));
    writeFileSync(
      join(configDir, 'training', 'city.jsonl'),
      examples()
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    const hub = { ...cfg, env: { configDir, dataDir } } as unknown as HubConfig;
    const notices: string[][] = [];
    const first = ensureModel(hub, { ...fast, onTrain: (files) => notices.push(files) });
    const again = ensureModel(hub, { ...fast, onTrain: (files) => notices.push(files) });
    expect(notices).toEqual([[join(configDir, 'training', 'city.jsonl')]]);
    expect(again.version).toBe(first.version);
    expect(first.classify({ text: '西山花园垃圾堆积发臭' }).department).toBe('西区城管局');
  });
});

describe('k-fold evaluation', () => {
  it('scores every item once with a model trained without it, next to the plain baseline', () => {
    const cv = crossValidate(examples(), cfg, { ...fast, outerFolds: 3 });
    expect(cv.folds).toBe(3);
    expect(cv.metrics.items).toBe(72);
    expect(cv.baseline.items).toBe(72);
    expect(cv.metrics.department_accuracy).toBeGreaterThan(0.8);
    expect(cv.baseline.department_accuracy).toBeGreaterThan(0.5);
    // Higher thresholds leave fewer items to auto-dispatch.
    const coverage = cv.curve.map((p) => p.coverage);
    expect([...coverage].sort((a, b) => b - a)).toEqual(coverage);
  });
});

describe('repeats and clusters', () => {
  const t0 = new Date('2025-03-01T08:00:00Z');
  const open = [
    { id: 'T1', text: '东湖小区3栋门口垃圾堆了一周没人清运，臭气熏天', requester: { phone: '138 0000 1111' }, place: '东湖小区', region: '东区', at: t0 },
  ];
  it('merges the same caller on the same matter into the open ticket', () => {
    const again = {
      id: 'n1',
      text: '又来反映，东湖小区3栋门口的垃圾还是没人清运，一直臭气熏天',
      requester: { phone: '+86 13800001111' },
      place: '东湖小区',
      region: '东区',
      at: new Date('2025-03-03T08:00:00Z'),
    };
    expect(findRepeat(again, open, { windowDays: 7 })?.ticketId).toBe('T1');
  });
  it('does not merge a different matter from the same caller, nor one outside the window', () => {
    const other = {
      id: 'n2',
      text: '东湖小区家里燃气表漏气，请燃气公司来修',
      requester: { phone: '13800001111' },
      place: '东湖小区',
      region: '东区',
      at: new Date('2025-03-02T08:00:00Z'),
    };
    expect(findRepeat(other, open, { windowDays: 7 })).toBeNull();
    const late = {
      id: 'n3',
      text: '东湖小区3栋门口垃圾堆了一周没人清运，臭气熏天',
      requester: { phone: '13800001111' },
      place: '东湖小区',
      region: '东区',
      at: new Date('2025-04-01T08:00:00Z'),
    };
    expect(findRepeat(late, open, { windowDays: 7 })).toBeNull();
  });
  it('merges the same caller on the same place and category however the call is worded', () => {
    const first = { ...open[0], category: '城管/垃圾' };
    const reworded = {
      id: 'n4',
      text: '东湖小区那边臭得受不了，上回打过电话，到现在也没人来拉',
      requester: { phone: '13800001111' },
      place: '东湖小区',
      region: '东区',
      category: '城管/垃圾',
      at: new Date('2025-03-02T08:00:00Z'),
    };
    expect(findRepeat(reworded, [first], { windowDays: 7 })?.ticketId).toBe('T1');
  });
  it('does not take a shared address for a shared matter', () => {
    const first = { ...open[0], text: '东区东湖小区3栋门口的垃圾堆了一周没人清运', category: '城管/垃圾' };
    const lamp = {
      id: 'n5',
      text: '东区东湖小区3栋门口的路灯坏了一个月',
      requester: { phone: '13800001111' },
      place: '东湖小区',
      region: '东区',
      category: '市政/路灯',
      at: new Date('2025-03-02T08:00:00Z'),
    };
    expect(findRepeat(lamp, [first], { windowDays: 7 })).toBeNull();
  });
  it('merges an earlier call that is routed after the later one (an export sorted newest first)', () => {
    const earlier = {
      id: 'n6',
      text: '东湖小区3栋门口垃圾堆了一周没人清运，臭气熏天',
      requester: { phone: '13800001111' },
      place: '东湖小区',
      region: '东区',
      at: new Date('2025-02-27T08:00:00Z'),
    };
    expect(findRepeat(earlier, open, { windowDays: 7 })?.ticketId).toBe('T1');
  });
  it('flags many different requesters on one place and matter as a cluster', () => {
    const items = [0, 1, 2, 3, 4].map((i) => ({
      id: `c${i}`,
      text: `西山花园${i + 1}栋从早上开始停水，到现在还没来水`,
      requester: { phone: `1390000000${i}` },
      place: '西山花园',
      region: '西区',
      category: '供水/停水',
      at: new Date(t0.getTime() + i * 3600000),
    }));
    items.push({
      id: 'c9',
      text: '西山花园门口垃圾没人清运',
      requester: { phone: '13900000009' },
      place: '西山花园',
      region: '西区',
      category: '城管/垃圾',
      at: t0,
    });
    const clusters = detectClusters(items, { windowHours: 24, minRequesters: 3 });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ requesters: 5, place: '西山花园', category: '供水/停水' });
    expect(detectClusters(items.slice(0, 2), { windowHours: 24, minRequesters: 3 })).toEqual([]);
  });
});
