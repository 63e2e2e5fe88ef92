// Classification speed on one core: items per second, model load time and model file size.
// Build, then: node dist/bench/classify.bench.js [labelled.jsonl]
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { Classifier, ensureModel, ModelStore, readLabelledJsonl, shippedTrainingFiles } from '@hub/classification';

function main(): void {
  const cfg = loadConfig(process.env);
  let t = process.hrtime.bigint();
  const trained = ensureModel(cfg);
  const store = new ModelStore(cfg.env.dataDir);
  const file = join(store.dir, `${trained.version}.json`);
  t = process.hrtime.bigint();
  const model = JSON.parse(readFileSync(file, 'utf8'));
  const classifier = new Classifier(model, cfg);
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  const input = process.argv[2] ? [process.argv[2]] : shippedTrainingFiles(cfg.env.configDir);
  const texts = input.flatMap((f) => readLabelledJsonl(f)).map((x) => x.text);
  if (!texts.length) throw new Error('no items to classify');
  for (let i = 0; i < 2000; i++) classifier.classify({ text: texts[i % texts.length] }); // warm-up
  const n = Math.max(50000, texts.length);
  const start = process.hrtime.bigint();
  let auto = 0;
  for (let i = 0; i < n; i++) if (classifier.classify({ text: texts[i % texts.length] }).auto) auto++;
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  const avgChars = Math.round(texts.reduce((s, x) => s + x.length, 0) / texts.length);
  console.log(JSON.stringify({
    model: trained.version,
    itemsPerSecond: Math.round(n / secs),
    items: n,
    avgChars,
    modelLoadMs: Math.round(loadMs),
    modelFileBytes: statSync(file).size,
    autoShare: Math.round((auto / n) * 1000) / 1000,
  }));
}

main();
