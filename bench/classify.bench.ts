// Classification speed on one core: items per second, model load time and model file size, next to
// the plain baseline (one softmax over char 1-3-grams + the gazetteer's region + the routing table)
// timed on the same items in the same run, so a slower or faster machine shows in both; by wall time and by the
// process's CPU time (the steadier figure when other work shares the machine).
// Build, then: node dist/bench/classify.bench.js [labelled.jsonl]
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { loadConfig } from '@hub/config';
import { Classifier, ensureModel, ModelStore, PlainBaseline, readLabelledJsonl, shippedTrainingFiles } from '@hub/classification';

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
  const plain = PlainBaseline.fromExamples(items, cfg);
  let routed = 0;
  const baseline = (text: string) => {
    if (plain.decide(text).department) routed++;
  };
  // Rounds of 5,000 items, ours and the baseline's alternating, so both see the machine alike;
  // the median round of each counts.
  const ROUND = 5000;
  const rounds = Math.ceil(n / ROUND);
  let auto = 0;
  const ours = (text: string) => {
    if (classifier.classify({ text }).auto) auto++;
  };
  for (let i = 0; i < 2000; i++) {
    ours(texts[i % texts.length]);
    baseline(texts[i % texts.length]);
  } // warm-up
  auto = 0;
  // Each round's wall time and the process's CPU time: on a machine other work shares, a round's wall time includes
  // the time the process waited for a core, its CPU time does not.
  const round = (fn: (text: string) => void, r: number) => {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = r * ROUND; i < (r + 1) * ROUND; i++) fn(texts[i % texts.length]);
    const used = process.cpuUsage(cpu);
    return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
  };
  const oursTimes: Array<{ wall: number; cpu: number }> = [];
  const baseTimes: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < rounds; r++) {
    oursTimes.push(round(ours, r));
    baseTimes.push(round(baseline, r));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const secs = (median(oursTimes.map((x) => x.wall)) / ROUND) * n;
  const baseSecs = (median(baseTimes.map((x) => x.wall)) / ROUND) * n;
  const cpuSecs = (median(oursTimes.map((x) => x.cpu)) / ROUND) * n;
  const baseCpuSecs = (median(baseTimes.map((x) => x.cpu)) / ROUND) * n;
  if (!routed) throw new Error('the baseline routed nothing');
  const avgChars = Math.round(texts.reduce((s, x) => s + x.length, 0) / texts.length);
  console.log(
    JSON.stringify({
      model: trained.version,
      itemsPerSecond: Math.round(n / secs),
      baselineItemsPerSecond: Math.round(n / baseSecs),
      ratioToBaseline: Math.round((baseSecs / secs) * 100) / 100,
      cpuItemsPerSecond: Math.round(n / cpuSecs),
      cpuBaselineItemsPerSecond: Math.round(n / baseCpuSecs),
      cpuRatioToBaseline: Math.round((baseCpuSecs / cpuSecs) * 100) / 100,
      items: n,
      avgChars,
      modelLoadMs: Math.round(loadMs),
      modelFileBytes: statSync(file).size,
      autoShare: Math.round((auto / (rounds * ROUND)) * 1000) / 1000,
    }),
  );
}

main();
