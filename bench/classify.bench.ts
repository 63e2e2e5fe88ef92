// Classification speed on one core: items per second, model load time and model file size, next to
// the plain baseline (one softmax over char 1-3-grams + the gazetteer's region + the routing table)
// timed on the same items in the same run, so a slower or faster machine shows in both.
// Build, then: node dist/bench/classify.bench.js [labelled.jsonl]
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { Classifier, DEFAULT_LINEAR, Directory, ensureModel, Gazetteer, ModelStore, PLAIN_BASELINE, readLabelledJsonl, shippedTrainingFiles, trainLinear } from '@hub/classification';

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
  const items = input.flatMap((f) => readLabelledJsonl(f));
  const texts = items.map((x) => x.text);
  if (!texts.length) throw new Error('no items to classify');
  const n = Math.max(50000, texts.length);

  // The plain baseline, trained on the same examples.
  const directory = new Directory(cfg);
  const gazetteer = new Gazetteer(cfg.regions);
  const labels = directory.categories.map((c) => c.path);
  const known = items.filter((x) => labels.includes(x.category));
  const plain = trainLinear(known.map((x) => x.text), known.map((x) => labels.indexOf(x.category)), labels, known.map((x) => gazetteer.ranges(x.text)), { ...DEFAULT_LINEAR, ...PLAIN_BASELINE });
  const out = new Float32Array(labels.length);
  let routed = 0;
  const baseline = (text: string) => {
    const place = gazetteer.resolve(text, null);
    plain.scores(text, out, gazetteer.ranges(text));
    let best = 0;
    for (let j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
    if (directory.route(labels[best], place.region).department) routed++;
  };
  const timed = (fn: (text: string) => void) => {
    for (let i = 0; i < 2000; i++) fn(texts[i % texts.length]); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(texts[i % texts.length]);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  let auto = 0;
  const secs = timed((text) => { if (classifier.classify({ text }).auto) auto++; });
  const baseSecs = timed(baseline);
  if (!routed) throw new Error('the baseline routed nothing');
  const avgChars = Math.round(texts.reduce((s, x) => s + x.length, 0) / texts.length);
  console.log(JSON.stringify({
    model: trained.version,
    itemsPerSecond: Math.round(n / secs),
    baselineItemsPerSecond: Math.round(n / baseSecs),
    ratioToBaseline: Math.round((baseSecs / secs) * 100) / 100,
    items: n,
    avgChars,
    modelLoadMs: Math.round(loadMs),
    modelFileBytes: statSync(file).size,
    autoShare: Math.round((auto / (n + 2000)) * 1000) / 1000,
  }));
}

main();
