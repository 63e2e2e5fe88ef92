import { mkdtempSync, writeFileSync, cpSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ConfigError, loadConfig, rateSetOf } from '../index';

const shipped = resolve(__dirname, '../../../../config');

function load(rates: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'hubcfg-rates-'));
  cpSync(shipped, dir, { recursive: true });
  if (rates !== null) writeFileSync(join(dir, 'rates.yaml'), rates);
  return loadConfig({ HUB_CONFIG_DIR: dir });
}

function problems(rates: string): string {
  try {
    load(rates);
  } catch (e) {
    return (e as ConfigError).message;
  }
  throw new Error('rates.yaml was accepted');
}

describe('rates.yaml', () => {
  it('defaults to the 53号文 preset and picks the Beijing one by name', () => {
    expect(rateSetOf(load('preset: 53号文\n').rates).specs.map((s) => s.label)).toEqual(['响应率', '反馈率', '办结率', '按期办结率', '满意率']);
    const beijing = rateSetOf(load('preset: beijing\n').rates);
    expect(beijing).toMatchObject({ set: 'preset:beijing' });
    expect(beijing.specs.map((s) => s.label)).toEqual(['响应率', '解决率', '满意率']);
  });

  it("reads a city's own rates", () => {
    const set = rateSetOf(load('rates:\n  - { key: fastRate, label: 及时率, numerator: [answeredInTime], denominator: [dispatched], weight: 2 }\n').rates);
    expect(set).toEqual({
      set: 'rates.yaml',
      specs: [{ key: 'fastRate', label: '及时率', numerator: ['answeredInTime'], denominator: ['dispatched'], weight: 2 }],
    });
  });

  it('names the setting of every mistake', () => {
    expect(problems('preset: shanghai\n')).toMatch(/rates\.yaml: preset: must be one of 53号文, beijing/);
    const msg = problems(
      'rates:\n  - { key: a, label: A, numerator: [happy], denominator: [dispatched] }\n  - { key: a, label: B, numerator: [replied], denominator: [dispatched], weight: -1 }\n',
    );
    expect(msg).toMatch(/rates\.yaml: rates\[0\]\.numerator: must list facts among received, dispatched/);
    expect(msg).toMatch(/rates\.yaml: rates\[1\]\.weight/);
  });

  it('names a rate listed twice', () => {
    expect(
      problems(
        'rates:\n  - { key: a, label: A, numerator: [replied], denominator: [dispatched] }\n  - { key: a, label: B, numerator: [closed], denominator: [dispatched] }\n',
      ),
    ).toMatch(/rates\.yaml: rate a is listed twice/);
  });

  it('sets the 零报告 period: weeks by default, months when asked, nothing else', () => {
    expect(load('preset: 53号文\n').rates.zeroReport.period).toBe('week');
    expect(load('zeroReport: { period: month }\n').rates.zeroReport.period).toBe('month');
    expect(problems('zeroReport: { period: day }\n')).toMatch(/rates\.yaml: zeroReport\.period: must be week or month/);
  });
});
