import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ConfigError, loadConfig } from './index';

const shipped = resolve(__dirname, '../../../config');

function dirWith(files: Record<string, string>, without: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubcfg-'));
  cpSync(shipped, dir, { recursive: true });
  for (const name of without) rmSync(join(dir, name));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('configuration', () => {
  it('loads the shipped demo city with SQLite defaults', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: shipped });
    expect(cfg.env.database.type).toBe('sqlite');
    expect(cfg.env.database.url).toBe('sqlite:./data/hub.sqlite');
    expect(cfg.env.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(cfg.env.port).toBe(3000);
    expect(cfg.taxonomy.categories.length).toBeGreaterThan(10);
    expect(cfg.sources.sources.find((s) => s.name === 'standard')?.columns['工单编号']).toBe('externalId');
  });

  it('reads a MySQL DATABASE_URL into its parts', () => {
    const cfg = loadConfig({ HUB_CONFIG_DIR: shipped, DATABASE_URL: 'mysql://hub:s%40cret@db.local:3307/hub' });
    expect(cfg.env.database).toMatchObject({ type: 'mysql', host: 'db.local', port: 3307, user: 'hub', password: 's@cret', database: 'hub' });
  });

  it('names every wrong setting, not just the first', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ HUB_CONFIG_DIR: shipped, PORT: 'eighty', DATABASE_URL: 'postgres://x/y', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/PORT must be a whole number/);
    expect(error!.message).toMatch(/DATABASE_URL must start with sqlite: or mysql:\/\//);
    expect(error!.message).toMatch(/REDIS_URL must start with redis:\/\//);
  });

  it('points at the file and field of a bad mailbox, and at a missing password variable', () => {
    const dir = dirWith({
      'mailboxes.yaml':
        'mailboxes:\n  - name: 市长信箱\n    host: imap.local\n    port: 99999\n    user: u\n    password: ${NO_SUCH_PASSWORD}\n    after: delete\n',
    });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/mailboxes\.yaml: mailboxes\[0\]\.port/);
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/NO_SUCH_PASSWORD is not set/);
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/mailboxes\[0\]\.after: must be "seen" or "move:<folder>"/);
  });

  it('refuses a category whose unit is not in units.yaml', () => {
    const dir = dirWith({ 'taxonomy.yaml': 'categories:\n  - path: 城市管理/占道经营\n    unit: 不存在的局\n' });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/names unit 不存在的局, which units\.yaml does not list/);
  });

  it('refuses an export column mapped to something that is not a hub field', () => {
    const dir = dirWith({
      'sources.yaml':
        'sources:\n  - name: 东湖区热线\n    columns:\n      受理编号: externalId\n      受理时间: receivedAt\n      主要内容: text\n      一级分类: Category\n',
    });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(
      /sources\.yaml: sources\[0\]\.columns: maps 一级分类: "Category"; each header must map to one of externalId, receivedAt, .*category/,
    );
  });

  it('reports a misspelt key instead of ignoring it', () => {
    const dir = dirWith({ 'sources.yaml': 'sources:\n  - name: x\n    colums: {}\n' });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/colums/);
  });
});

describe('configuration read on demand (a one-off command)', () => {
  it('reads the files asked for now, and another only when it is used, stopping at its mistake then', () => {
    // No cities.yaml: a province's cities are merged into units, regions and taxonomy, which are then read at once.
    const dir = dirWith({ 'taxonomy.yaml': 'categories:\n  - path: 城市管理/占道经营\n    unit: 3\n    colour: red\n' }, ['cities.yaml']);
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/taxonomy\.yaml/);
    const cfg = loadConfig({ HUB_CONFIG_DIR: dir }, { only: ['mailboxes'] });
    expect(cfg.mailboxes.mailboxes).toEqual([]);
    expect(cfg.units.units.length).toBeGreaterThan(3);
    expect(() => cfg.taxonomy).toThrow(ConfigError);
    expect(() => cfg.taxonomy).toThrow(/taxonomy\.yaml: categories\[0\]/);
  });

  it('still stops at once at a mistake in a file asked for', () => {
    const dir = dirWith({ 'mailboxes.yaml': 'mailboxes:\n  - name: 市长信箱\n    host: imap.example\n    port: 99999\n    user: u\n    password: p\n' });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir }, { only: ['mailboxes'] })).toThrow(/mailboxes\.yaml: mailboxes\[0\]\.port/);
  });

  it("adds the upstreams' endpoints to the webhooks, and the cities' units and categories, as the full load does", () => {
    const full = loadConfig({ HUB_CONFIG_DIR: shipped });
    const lazy = loadConfig({ HUB_CONFIG_DIR: shipped }, { only: [] });
    expect(lazy.webhooks.webhooks.map((w) => w.name)).toEqual(full.webhooks.webhooks.map((w) => w.name));
    expect(lazy.urgency.signals.length).toBe(full.urgency.signals.length);
    expect(lazy.cities.cities.map((c) => c.name)).toEqual(full.cities.cities.map((c) => c.name));
    expect(lazy.units.units.map((u) => u.name)).toEqual(full.units.units.map((u) => u.name));
    expect(lazy.taxonomy.categories.length).toBe(full.taxonomy.categories.length);
  });
});

describe('units.yaml hierarchy at start-up', () => {
  // The shipped units (the taxonomy names them), with these added before the supervisors.
  const units = (extra: string) => readFileSync(join(shipped, 'units.yaml'), 'utf8').replace(/^supervisors:/m, `${extra}supervisors:`);

  it('loads parent, tier and desk', () => {
    const dir = dirWith({ 'units.yaml': units('  - name: 桃园街道办事处\n    tier: street\n    parent: 东湖区人民政府\n    email: b@x.example\n') });
    const cfg = loadConfig({ HUB_CONFIG_DIR: dir });
    expect(cfg.units.units.find((u) => u.name === '桃园街道办事处')).toMatchObject({ name: '桃园街道办事处', tier: 'street', parent: '东湖区人民政府' });
    expect(cfg.units.units.find((u) => u.name === '东湖区人民政府')).toMatchObject({ tier: 'district', desk: true });
  });

  it('refuses an unknown parent and an unknown tier, naming the setting and the unit', () => {
    const dir = dirWith({ 'units.yaml': units('  - name: 桃园街道办事处\n    tier: town\n    parent: 西湖区人民政府\n    email: b@x.example\n') });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(
      /units\.yaml: units\[\d+\]\.tier: must be one of city, district, street, community \(got "town"\)/,
    );
    const dir2 = dirWith({ 'units.yaml': units('  - name: 桃园街道办事处\n    parent: 西湖区人民政府\n    email: b@x.example\n') });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir2 })).toThrow(/units\.yaml: unit 桃园街道办事处: parent 西湖区人民政府 is not a unit listed in units\.yaml/);
  });

  it('refuses a cycle of parents', () => {
    const dir = dirWith({
      'units.yaml': units('  - name: 甲街道\n    parent: 乙街道\n    email: b@x.example\n  - name: 乙街道\n    parent: 甲街道\n    email: c@x.example\n'),
    });
    expect(() => loadConfig({ HUB_CONFIG_DIR: dir })).toThrow(/units\.yaml: unit 甲街道: parent forms a cycle \(甲街道 → 乙街道 → 甲街道\)/);
  });
});

describe('policies.yaml subDispatch', () => {
  it('defaults the share to 0.8 and refuses a share above 1', () => {
    expect(loadConfig({ HUB_CONFIG_DIR: shipped }).policies.subDispatch.share).toBe(0.8);
    const policies = readFileSync(join(shipped, 'policies.yaml'), 'utf8').replace('  share: 0.8', '  share: 1.5');
    expect(() => loadConfig({ HUB_CONFIG_DIR: dirWith({ 'policies.yaml': policies }) })).toThrow(/subDispatch\.share must be at most 1/);
  });
});
