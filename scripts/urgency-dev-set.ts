// Builds config/training/qinghe-urgency.jsonl from the hand-written urgency development set
// (libs/classification/src/fixtures/urgency-dev/*.tsv: `U|L|N <tab> category <tab> h|m <tab> text`):
// U urgent, L a normal look-alike, N ordinary. Region and unit follow the city's tables (gazetteer and
// routing table), so the items train the router as well as urgency. Not the blind set (test/fixtures/urgency-blind).
// node -r ./test/support/swc-register.js scripts/urgency-dev-set.ts
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { loadConfig } from '@hub/config';
import { Directory, Gazetteer } from '@hub/classification';

const root = resolve(__dirname, '..');
const cfg = loadConfig({ HUB_CONFIG_DIR: join(root, 'config') });
const directory = new Directory(cfg);
const gazetteer = new Gazetteer(cfg.regions);
const dir = join(root, 'libs/classification/src/fixtures/urgency-dev');
const lines: string[] = [];
const seen = new Set<string>();
let n = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.tsv'))
  .sort()) {
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const [kind, category, ch, text] = line.split('\t');
      const where = `${file}:${i + 1}`;
      if (!['U', 'L', 'N'].includes(kind) || !text) throw new Error(`${where}: expected kind, category, channel and text`);
      const info = directory.category(category);
      if (!info) throw new Error(`${where}: unknown category ${category}`);
      if (seen.has(text)) throw new Error(`${where}: duplicate text`);
      seen.add(text);
      const region = gazetteer.resolve(text).region;
      const route = directory.route(category, region);
      lines.push(
        JSON.stringify({
          id: `qh-urg-${String(++n).padStart(4, '0')}`,
          channel: ch === 'm' ? 'mailbox' : 'hotline',
          text,
          category,
          region,
          department: route.disposition === 'direct_answer' ? null : route.department,
          urgency: kind === 'U' ? 'urgent' : 'normal',
          disposition: route.disposition,
          kind: kind === 'U' ? 'urgent' : kind === 'L' ? 'lookalike' : 'ordinary',
        }),
      );
    });
}
writeFileSync(join(root, 'config/training/qinghe-urgency.jsonl'), lines.join('\n') + '\n');
console.log(`${lines.length} items`);
