import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// `hub` as a person runs it, from the TypeScript sources (the loader the child-process tests use).
const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test/support/swc-register.js');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

function hub(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['-r', REGISTER, MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HUB_DATA_DIR: dataDir, HUB_CONFIG_DIR: join(ROOT, 'config') },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hub classify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-classify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('classifies every good line, names each bad one on stderr, and exits 1 when any was skipped', () => {
    // A small model of our own examples, so the test does not train on all of them.
    const examples = readFileSync(join(ROOT, 'config/training/demo-city.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 150);
    writeFileSync(join(dir, 'train.jsonl'), examples.join('\n') + '\n');
    const trained = hub(dir, 'model', 'train', '--in', join(dir, 'train.jsonl'), '--no-shipped');
    expect(trained.code).toBe(0);

    writeFileSync(
      join(dir, 'in.jsonl'),
      [
        JSON.stringify({ id: 'a1', text: '东湖区幸福路小区门口的下水道堵了三天，污水漫到路上，希望尽快疏通。' }),
        'not json',
        JSON.stringify({ id: 'a3' }),
        '',
        JSON.stringify({ id: 7, text: '南港区港湾新城5号楼楼道里有很浓的煤气味，怀疑燃气泄漏。', channel: 'hotline' }),
      ].join('\n') + '\n',
    );
    const r = hub(dir, 'classify', '--in', join(dir, 'in.jsonl'));
    const rows = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => x.id)).toEqual(['a1', 7]);
    for (const row of rows)
      expect(Object.keys(row)).toEqual(['id', 'category', 'region', 'department', 'urgency', 'disposition', 'confidence', 'auto', 'urgencySuspected']);
    expect(rows[0].region).toBe('东湖区');
    expect(rows[1]).toMatchObject({ region: '南港区', urgency: 'urgent' });
    expect(r.stderr).toContain('in.jsonl:2: not valid JSON, skipped');
    expect(r.stderr).toContain('in.jsonl:3: needs "text" (a string), skipped');
    expect(r.stderr).toContain('2 line(s)');
    expect(r.code).toBe(1);
  });
});
