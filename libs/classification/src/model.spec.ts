import { LinearModel } from './model';
import { blendLinear, buildFeatures, expandLabels, pruneLinear, trainLinear } from './linear-training';
import { NgramBuffer, requestClauses } from './text';
import { duplicateKey, stratifiedFolds } from './folds';
import { trainModel, type LabelledItem } from './training';
import { Gazetteer } from './gazetteer';
import type { ClassificationConfig } from './directory';

const texts = ['燃气管道漏气', '闻到燃气味很重', '垃圾没人清运', '垃圾桶满了发臭', '家里停水了', '自来水停水一天'];
const y = [0, 0, 1, 1, 2, 2];
const labels = ['燃气', '垃圾', '供水'];
const noMasks = texts.map(() => undefined);

describe('n-gram features', () => {
  it('adds 4-grams only when asked for them', () => {
    const buf = new NgramBuffer();
    // 4 chars: 4 unigrams + 3 bigrams + 2 trigrams (+ 1 four-gram).
    expect(buf.fill('燃气漏气', 16)).toBe(9);
    expect(buf.fill('燃气漏气', 16, undefined, 4)).toBe(10);
    expect(Array.from({ length: buf.count }, (_, i) => buf.term(i))).toContain('燃气漏气');
  });

  it('finds request clauses from the opener to the end of the sentence', () => {
    const text = '物业乱收费。希望住建部门处理！谢谢';
    const r = requestClauses(text);
    expect(r).toHaveLength(2);
    expect(text.slice(r[0], r[1])).toBe('希望住建部门处理');
    expect(requestClauses('小区垃圾没人清运')).toEqual([]);
  });

  it("counts the request clause's 2–3-grams again as features of their own, only when asked", () => {
    const buf = new NgramBuffer();
    const plain = buf.fill('物业乱收费。希望住建部门处理', 20);
    const terms = new Set(Array.from({ length: plain }, (_, i) => buf.buckets[i]));
    const withCues = buf.fill('物业乱收费。希望住建部门处理', 20, undefined, 3, true);
    // The clause 希望住建部门处理 has 8 chars: 7 bigrams and 6 trigrams more, hashed apart from the body's.
    expect(withCues - plain).toBe(13);
    const extra = Array.from({ length: withCues }, (_, i) => i).filter((i) => !terms.has(buf.buckets[i]));
    expect(extra.map((i) => buf.term(i))).toContain('住建部');
    expect(extra.map((i) => buf.term(i))).not.toContain('乱收费');
  });
});

describe('linear model', () => {
  const model = trainLinear(texts, y, labels, noMasks, { bits: 16, epochs: 10, learningRate: 5, maxN: 4 });
  const out = new Float32Array(3);
  const argmax = (m: LinearModel, t: string) => {
    const s = m.scores(t, out);
    return labels[s.indexOf(Math.max(...s))];
  };

  it('keeps its predictions after small weights are pruned, and stores a pruned model by row', () => {
    // Drop the smaller three quarters of the weights.
    const sorted = Float32Array.from(model.weights, Math.abs).sort();
    const pruned = pruneLinear(model, sorted[Math.floor(sorted.length * 0.75)]);
    expect(pruned.density).toBeLessThan(model.density);
    expect(argmax(pruned, '楼道燃气漏气')).toBe('燃气');
    expect(argmax(pruned, '小区停水了')).toBe('供水');
    const json = pruned.toJSON();
    expect(json.sparse).toBeDefined();
    expect(json.weights).toBe('');
    const loaded = LinearModel.fromJSON(JSON.parse(JSON.stringify(json)));
    const a = Array.from(pruned.scores('垃圾桶没人清运', new Float32Array(3)));
    const b = Array.from(loaded.scores('垃圾桶没人清运', new Float32Array(3)));
    b.forEach((v, j) => expect(v).toBeCloseTo(a[j], 5));
    expect(loaded.maxN).toBe(4);
  });

  it('scores as the plain sum over its weight rows, for n-grams it knows and those it does not', () => {
    // Buckets whose low bits collide share a probe chain in the scorer's table: include some.
    const buckets = Int32Array.from([3, 3 + 64, 3 + 128, 10, 10 + 1024, 200, 5000]);
    const k = 3;
    const weights = Float32Array.from({ length: buckets.length * k }, (_, i) => (i % 4 === 1 ? 0 : ((i * 37) % 11) / 10 - 0.5));
    const idf = Float32Array.from(buckets, (_, r) => 1 + r / 10);
    const bias = Float32Array.from([0.1, -0.2, 0.05]);
    const m = new LinearModel(16, labels, buckets, weights, idf, 2, bias);
    const buf = new NgramBuffer();
    for (const text of ['燃气管道漏气', '家里停水了，水压低', 'abc']) {
      const n = buf.fill(text, 16);
      // Make some of the text's n-grams known: give them the model's buckets.
      for (let i = 0; i < n; i += 3) buf.buckets[i] = buckets[(i / 3) % buckets.length];
      const expected = [0, 0, 0];
      let norm = 0;
      for (let i = 0; i < n; i++) {
        const r = buckets.indexOf(buf.buckets[i]);
        const v = r < 0 ? 2 : idf[r];
        norm += v * v;
        if (r >= 0) for (let j = 0; j < k; j++) expected[j] += weights[r * k + j] * v;
      }
      // The scorer gets the same n-grams from its buffer.
      const fixed = buf.buckets.slice(0, n);
      const prepared = new NgramBuffer();
      prepared.fill = () => {
        prepared.buckets.set(fixed);
        return n;
      };
      const got = m.scores(text, new Float32Array(k), undefined, prepared);
      expected.forEach((e, j) => expect(got[j]).toBeCloseTo(e / Math.sqrt(norm) + bias[j], 5));
    }
  });

  it('keeps weights of any size and sign, label indexes and the extra output exact to 1e-6 in its packed entries', () => {
    // 300 labels: 9 bits of each packed entry hold the label; weights from 0.001 to 50, both signs.
    const k = 300;
    const many = Array.from({ length: k }, (_, j) => `c${j}`);
    const buckets = Int32Array.from([7, 7 + 256, 99, 4000]);
    const weights = Float32Array.from({ length: buckets.length * k }, (_, i) =>
      i % 7 === 0 ? ((i % 2 ? -1 : 1) * 50) / (1 + (i % 13)) : i % 5 === 0 ? -0.001 * (i % 3) : 0,
    );
    const idf = Float32Array.from([1.5, 2, 3.25, 0.5]);
    const extra = Float32Array.from([0.3, -1.2, 0, 7]);
    const m = new LinearModel(16, many, buckets, weights, idf, 2, new Float32Array(k), 3, false, extra, 0.25);
    const prepared = new NgramBuffer();
    const rows = [0, 1, 1, 2, 3, -1];
    prepared.fill = () => {
      rows.forEach((r, i) => (prepared.buckets[i] = r < 0 ? 12345 : buckets[r]));
      return rows.length;
    };
    const got = m.scores('', new Float32Array(k), undefined, prepared);
    let norm = 0;
    let ex = 0;
    const expected = new Float64Array(k);
    for (const r of rows) {
      const v = r < 0 ? 2 : idf[r];
      norm += v * v;
      if (r < 0) continue;
      ex += extra[r] * v;
      for (let j = 0; j < k; j++) expected[j] += weights[r * k + j] * v;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < k; j++) expect(Math.abs(got[j] - expected[j] * scale)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[j] * scale)));
    expect(m.extraScore).toBeCloseTo(ex * scale + 0.25, 6);
    // What explanations read: the weight of one label in one row, 0 where the row has none.
    for (let i = 0; i < 5; i++)
      for (const j of [0, 7, 14, 150, 299]) {
        const w = weights[rows[i] * k + j] * idf[rows[i]];
        expect(Math.abs(m.weightOf(prepared, i, j) - w)).toBeLessThan(1e-6 * Math.max(1, Math.abs(w)));
      }
  });

  it('keeps request-clause features through saving and loading', () => {
    const m = trainLinear(
      texts.map((t) => `${t}，希望处理`),
      y,
      labels,
      noMasks,
      { bits: 16, epochs: 5, learningRate: 5, cues: true },
    );
    const loaded = LinearModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(loaded.cues).toBe(true);
    const a = Array.from(m.scores('家里停水了，希望尽快处理', new Float32Array(3)));
    Array.from(loaded.scores('家里停水了，希望尽快处理', new Float32Array(3))).forEach((v, j) => expect(v).toBeCloseTo(a[j], 5));
  });

  it('blends a unit head into category columns: categories of one unit get its weights', () => {
    const fs = buildFeatures(texts, noMasks, 16, 1, 4);
    const unit = trainLinear(
      texts,
      y.map((c) => (c === 0 ? 0 : 1)),
      ['燃气公司', '城管'],
      noMasks,
      { bits: 16, epochs: 5, learningRate: 5 },
      fs,
    );
    const expanded = expandLabels(unit, labels, [0, 1, 1]);
    const s = expanded.scores('垃圾没人清运', new Float32Array(3));
    expect(s[1]).toBeCloseTo(s[2], 6);
    const cat = trainLinear(texts, y, labels, noMasks, { bits: 16, epochs: 5, learningRate: 5 }, fs);
    const both = blendLinear(cat, 1, expanded, 0.5);
    const c = cat.scores('垃圾没人清运', new Float32Array(3));
    const e = expanded.scores('垃圾没人清运', new Float32Array(3));
    both.scores('垃圾没人清运', new Float32Array(3)).forEach((v, j) => expect(v).toBeCloseTo(c[j] + 0.5 * e[j], 4));
  });
});

describe('training with background examples', () => {
  const cfg = {
    taxonomy: {
      categories: [
        { path: '燃气/泄漏', unit: '燃气公司' },
        { path: '城管/垃圾', unit: '城管局' },
        { path: '供水/停水', unit: '水务公司' },
      ],
    },
    regions: { city: '测试市', regions: [] },
    units: { units: [], supervisors: [] },
  } as unknown as ClassificationConfig;
  const item = (text: string, category: string): LabelledItem => ({
    text,
    category,
    department: cfg.taxonomy.categories.find((c) => c.path === category)!.unit!,
    disposition: 'dispatch',
  });
  const scored = [0, 1, 2, 3].flatMap((i) => [
    item(`燃气管道漏气${i}号楼`, '燃气/泄漏'),
    item(`垃圾没人清运${i}号楼`, '城管/垃圾'),
    item(`家里停水了${i}号楼`, '供水/停水'),
  ]);
  const background = [item('燃气表漏气', '燃气/泄漏'), item('垃圾堆积发臭', '城管/垃圾'), item('自来水停水', '供水/停水')];

  it('trains on background examples in every fold but scores only the given ones', () => {
    const m = trainModel(scored, cfg, { folds: 2, background, linear: { bits: 16, epochs: 5 } });
    expect(m.metrics?.items).toBe(scored.length);
    expect(m.trainedOn.items).toBe(scored.length + background.length);
    expect(m.metrics!.department_accuracy).toBeGreaterThan(0.8);
    expect(typeof m.options.unitWeight).toBe('number');
  });
});

describe('training on texts repeated with other place names', () => {
  const cfg = {
    taxonomy: {
      categories: [
        { path: '燃气/报装', unit: '燃气公司' },
        { path: '城管/摆摊', unit: '城管局' },
        { path: '供水/水压', unit: '水务公司' },
      ],
    },
    regions: {
      city: '测试市',
      regions: [
        {
          name: '江口区',
          kind: 'district',
          places: [{ name: '滨江街道', kind: 'street', landmarks: ['江滨路', '码头新村', '渔人码头', '新华里', '百货大楼', '体育中心'] }],
        },
      ],
    },
    units: { units: [], supervisors: [] },
  } as unknown as ClassificationConfig;
  const places = ['江滨路', '码头新村', '渔人码头', '新华里', '百货大楼', '体育中心'];
  const template: Record<string, string> = {
    '燃气/报装': '{p}燃气开户两个月还没通气。',
    '城管/摆摊': '{p}门口流动摊贩占道卖水果',
    '供水/水压': '{p}水压太低，五楼以上没水！',
  };
  const items: LabelledItem[] = Object.entries(template).flatMap(([category, t]) =>
    places.map((p) => ({
      text: t.replace('{p}', p),
      category,
      department: cfg.taxonomy.categories.find((c) => c.path === category)!.unit!,
      disposition: 'dispatch' as const,
    })),
  );

  it('keeps the copies of a text in one fold, so the cross-validated figures do not claim what it has only memorised', () => {
    const m = trainModel(items, cfg, { folds: 3, linear: { bits: 16, epochs: 5 } });
    // Each category has one phrasing: held out, nothing like it was trained on; before, every copy was
    // scored by a model trained on its twins (100%, everything auto).
    expect(m.metrics!.department_accuracy).toBeLessThan(0.5);
    expect(m.metrics!.auto_coverage).toBeLessThan(0.5);
  });

  it('groups texts that differ only in place names and punctuation', () => {
    const g = new Gazetteer(cfg.regions);
    const key = (t: string) => duplicateKey(t, g.ranges(t));
    expect(key('江滨路水压太低，五楼以上没水！')).toBe(key('新华里 水压太低五楼以上没水'));
    expect(key('江滨路水压太低')).not.toBe(key('江滨路水压太高'));
    const folds = stratifiedFolds(
      items.map((_, i) => i % 3),
      3,
      7,
      items.map((e) => key(e.text)),
    );
    for (let c = 0; c < 3; c++) expect(new Set(folds.filter((_, i) => i % 3 === c)).size).toBeGreaterThan(0);
    expect(new Set(items.map((e, i) => `${key(e.text)}|${folds[i]}`)).size).toBe(new Set(items.map((e) => key(e.text))).size);
  });
});
