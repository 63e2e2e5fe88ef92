import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { loadConfig } from '@hub/config';
import { RegexGate } from './regex-gate';
import { needOf } from './regex-needs';
import { readLabelledJsonl, shippedTrainingFiles } from './store';
import { URGENCY_CUES } from './urgency-model';

const configDir = resolve(__dirname, '../../../config');
const config = loadConfig({ HUB_CONFIG_DIR: configDir });
/** The shipped urgency.yaml signals as UrgencyDetector compiles them. */
const toSource = (p: string) => /^\/(.*)\/$/s.exec(p.trim())?.[1] ?? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const signals = (config.urgency?.signals ?? []).map((s) => new RegExp(s.patterns.map(toSource).join('|')));

/** Patterns whose syntax the analysis must follow or give up on safely, and text that matches them or nearly. */
const tricky = [
  /爬(上)?塔吊/,
  /(?<![0-9])[0-9]度/,
  /(带|拎)(着|了)?[^，。]{0,3}汽油/,
  /燃气(?<!(担心|怕)[^，。]{0,10}燃气)(泄漏|泄露)(?![^。]{0,3}报警)/,
  /[二三]?十[几多]?(名|个)?[^，。]{0,8}(工人|村民)[^。]{0,20}(聚集|堵路)/,
  /漏?/,
  /(停)\1水/,
  /x{2,}y|z{0,2}w/,
  /燃气/i,
  /^停水$/,
  /[a-c]d|e*f/,
  /\d+号楼|\u4e00个/,
  /(?:正在|还在)冒烟/,
  /[^停]电/,
  /(?<name>停)水\k<name>/,
  /\bgas\b/,
  /冒烟|[.]{2}|\(火\)/,
  // An octal escape (\012 is a line feed), \k without named groups (a k), the empty class and the class of any char.
  new RegExp('a\\012b'),
  new RegExp('\\k<x>'),
  new RegExp('x[]'),
  new RegExp('停[^]水'),
];
const trickyTexts = [
  '爬塔吊',
  '有人爬上塔吊了',
  '零下5度',
  '25度',
  '拎着一桶汽油',
  '带汽油',
  '燃气泄漏了',
  '担心燃气泄漏',
  '燃气泄漏报警器',
  '二十几名工人在门口聚集',
  '十个村民堵路',
  '停停水',
  'xxy',
  'zzw',
  'w',
  '燃气',
  '停水',
  '又停水',
  'ad',
  'f',
  '3号楼',
  '一个',
  '还在冒烟',
  '没电',
  '停电',
  '停水停',
  'no gas here',
  '..',
  '(火)',
  'a\nb',
  'k<x>',
  '',
];

function corpus(): string[] {
  const texts = shippedTrainingFiles(configDir).flatMap((f) => readLabelledJsonl(f).map((x) => x.text));
  const dev = resolve(__dirname, 'fixtures/urgency-dev');
  for (const f of readdirSync(dev).filter((n) => n.endsWith('.tsv')))
    for (const line of readFileSync(join(dev, f), 'utf8').split('\n')) if (line) texts.push(line.split('\t').pop()!);
  return [...texts, ...trickyTexts];
}

describe('regex gate', () => {
  const texts = corpus();

  it.each([
    ['urgency.yaml signals', signals],
    ['wording cues', URGENCY_CUES.map((c) => c.re)],
    ['patterns of every kind', tricky],
  ])('answers what RegExp.test answers: %s, on the shipped examples and the urgency dev set', (_, patterns) => {
    const gate = new RegexGate(patterns);
    let matched = 0;
    for (const text of texts) {
      gate.select(text);
      patterns.forEach((re, i) => {
        const want = re.test(text);
        if (want) matched++;
        expect([text, re.source, gate.test(i, text)]).toEqual([text, re.source, want]);
      });
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('bounds the shipped patterns (each is skipped on text without what it needs)', () => {
    for (const re of [...signals, ...URGENCY_CUES.map((c) => c.re)]) expect([re.source, needOf(re)]).not.toEqual([re.source, null]);
    expect(needOf(/漏?/)).toBeNull();
    expect(needOf(/燃气/i)).toBeNull();
  });

  it('runs a pattern only on text that can hold a match', () => {
    let runs = 0;
    class Counted extends RegExp {
      override test(text: string): boolean {
        runs++;
        return super.test(text);
      }
    }
    const gate = new RegexGate([new Counted('(正在|还在)[^。]{0,12}(打架|斗殴)')]);
    gate.select('小区垃圾三天没人清运，都发臭了');
    expect(gate.test(0, '小区垃圾三天没人清运，都发臭了')).toBe(false);
    expect(runs).toBe(0);
    gate.select('楼下还在打架');
    expect(gate.test(0, '楼下还在打架')).toBe(true);
    expect(runs).toBe(1);
  });
});
