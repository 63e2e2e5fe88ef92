import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { cityOfUnit, loadConfig, ticketPrefixes } from './index';

const shipped = resolve(__dirname, '../../../config');

function dirWith(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubcities-'));
  cpSync(shipped, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, name), { force: true });
    else {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }
  return dir;
}

const problems = (files: Record<string, string | null>, env: Record<string, string> = {}) => {
  try {
    loadConfig({ HUB_CONFIG_DIR: dirWith(files), ...env });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('cities.yaml (a province installation)', () => {
  it('leaves a single-city installation as it was: no cities.yaml, no cities, one prefix', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: dirWith({ 'cities.yaml': null }) });
    expect(cfg.cities).toEqual({ province: null, cities: [] });
    expect(ticketPrefixes(cfg)).toEqual(['QH']);
    expect(cfg.units.units.some((u) => u.tier === 'city')).toBe(false);
  });

  it('adds the demo city’s desk, sub-tree, regions, categories and holidays outside production, and none in production', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: shipped });
    expect(ticketPrefixes(cfg)).toEqual(['QH', 'LS']);
    expect(cfg.units.units.find((u) => u.name === '蓝山市12345热线')).toMatchObject({ tier: 'city', desk: true });
    expect(cfg.units.units.find((u) => u.name === '蓝山市城市管理局')?.parent).toBe('蓝山市12345热线');
    expect(cityOfUnit(cfg.cities, cfg.units, '松溪区城市管理局')?.prefix).toBe('LS');
    expect(cityOfUnit(cfg.cities, cfg.units, '市生态环境局')).toBeNull();
    expect(cfg.regions.regions.map((r) => r.name)).toContain('梅岭县');
    expect(cfg.taxonomy.categories.map((c) => c.path)).toContain('文化旅游/景区服务');
    expect(cfg.cities.cities[0].holidays?.holidays).toEqual(['2026-04-10']);
    const prod = loadConfig({ HUB_CONFIG_DIR: shipped, NODE_ENV: 'production', HUB_LINK_SECRET: 'x'.repeat(40) });
    expect(prod.cities.cities).toEqual([]);
    expect(prod.units.units.some((u) => u.name.startsWith('蓝山'))).toBe(false);
  });

  it('names the setting of each mistake', () => {
    const cities = readFileSync(join(shipped, 'cities.yaml'), 'utf8');
    expect(problems({ 'cities.yaml': cities.replace('prefix: LS', 'prefix: QH') })).toMatch(
      'cities.yaml: cities[0] (蓝山市12345热线): prefix QH is already the installation’s HUB_TICKET_PREFIX',
    );
    expect(problems({ 'cities.yaml': cities.replace('prefix: LS', 'prefix: ls') })).toMatch(
      'cities.yaml: cities[0].prefix: must be 1-6 capital letters (got "ls")',
    );
    expect(problems({ 'cities.yaml': cities.replace('folder: demo/lanshan', 'folder: demo/nowhere') })).toMatch('folder demo/nowhere does not exist');
    expect(problems({ 'cities.yaml': cities.replace('# province: 青山省12345热线', 'province: 青山省12345热线') })).toMatch(
      'cities.yaml: province 青山省12345热线 is not a unit listed in units.yaml',
    );
    expect(problems({ 'demo/lanshan/regions.yaml': 'regions:\n  - name: 东湖区\n    kind: district\n' })).toMatch(
      'demo/lanshan/regions.yaml: region 东湖区 is already a region',
    );
    expect(problems({ 'demo/lanshan/taxonomy.yaml': 'categories:\n  - path: 城市管理/占道经营\n    unit: 蓝山市城市管理局\n' })).toMatch(
      'demo/lanshan/taxonomy.yaml: category 城市管理/占道经营 is already in taxonomy.yaml',
    );
    expect(problems({ 'demo/lanshan/holidays.yaml': 'holidays: [2026-13-01]\n' })).toMatch('demo/lanshan/holidays.yaml: holidays');
    const sources = readFileSync(join(shipped, 'sources.yaml'), 'utf8').replace(/^(\s+)- name: standard$/m, '$1- name: standard\n$1  city: 黑水市');
    expect(problems({ 'sources.yaml': sources })).toMatch('sources.yaml: source standard: city 黑水市 is not a city of cities.yaml');
  });
});
