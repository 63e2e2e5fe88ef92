// Urgency on the frozen blind set (test/fixtures/urgency-blind, issue #15): prints counts only, never a text.
// The set may be scored twice per change of the urgency model (before and after, tuning frozen): see its README.
// node -r ./test/support/swc-register.js scripts/urgency-blind-eval.ts [blind-dir]
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { loadConfig } from '@hub/config';
import { ensureModel, readLabelledJsonl } from '@hub/classification';

const dir = resolve(process.argv[2] ?? 'test/fixtures/urgency-blind');
const dataDir = mkdtempSync(join(tmpdir(), 'urgency-blind-'));
try {
  const cfg = loadConfig({ ...process.env, HUB_CONFIG_DIR: resolve('config'), HUB_DATA_DIR: dataDir });
  const classifier = ensureModel(cfg);
  const file = join(dir, 'requests.jsonl');
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const items = readLabelledJsonl(file);
  const kinds = new Map(
    readFileSync(join(dir, 'kinds.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',') as [string, string]),
  );
  const count = { urgent: 0, caught: 0, caughtOrSuspected: 0, flagged: 0, suspected: 0, dept: 0 };
  const falseAlarms: Record<string, number> = { lookalike: 0, ordinary: 0 };
  const suspectedNormal: Record<string, number> = { lookalike: 0, ordinary: 0 };
  for (const item of items) {
    const c = classifier.classify({ text: item.text, channel: item.channel, address: item.address }) as unknown as {
      urgency: string;
      department: string | null;
      urgencySuspected?: boolean;
    };
    const truth = item.urgency === 'urgent';
    const flagged = c.urgency === 'urgent';
    const suspected = !flagged && c.urgencySuspected === true;
    if ((c.department ?? null) === (item.department ?? null)) count.dept++;
    if (truth) count.urgent++;
    if (flagged) count.flagged++;
    if (suspected) count.suspected++;
    if (truth && flagged) count.caught++;
    if (truth && (flagged || suspected)) count.caughtOrSuspected++;
    const kind = kinds.get(item.id ?? '') ?? 'ordinary';
    if (!truth && flagged) falseAlarms[kind] = (falseAlarms[kind] ?? 0) + 1;
    if (!truth && suspected) suspectedNormal[kind] = (suspectedNormal[kind] ?? 0) + 1;
  }
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 100);
  console.log(
    JSON.stringify(
      {
        sha256: sha,
        model: classifier.version,
        items: items.length,
        urgent: count.urgent,
        flagged_urgent: count.flagged,
        urgent_recall_pct: pct(count.caught, count.urgent),
        urgent_precision_pct: pct(count.caught, count.flagged),
        false_alarms: falseAlarms,
        suspected: count.suspected,
        suspected_normal: suspectedNormal,
        recall_with_suspected_pct: pct(count.caughtOrSuspected, count.urgent),
        precision_with_suspected_pct: pct(count.caughtOrSuspected, count.flagged + count.suspected),
        department_accuracy_pct: pct(count.dept, items.length),
      },
      null,
      1,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
