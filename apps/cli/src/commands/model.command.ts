import { basename } from 'path';
import type { Command } from 'commander';
import { Classifier, evaluate, ModelStore, readLabelledJsonl, shippedTrainingFiles, trainModel } from '@hub/classification';
import { action, config, printJson } from '../cli-support';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** `hub model train` and `hub model eval`. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('the routing model: train and evaluate');

  model
    .command('train')
    .description('train a routing model from labelled JSONL, save it under HUB_DATA_DIR/models and make it active')
    .requiredOption('--in <files...>', 'labelled JSONL file(s) (demo-city README format)')
    .option('--no-shipped', 'do not add the examples shipped in <HUB_CONFIG_DIR>/training (by default they are trained on, never scored)')
    .option('--json', 'print a JSON summary')
    .action(action(async (opts: { in: string[]; shipped: boolean; json?: boolean }) => {
      const cfg = config();
      const examples = opts.in.flatMap((f) => readLabelledJsonl(f));
      const given = new Set(opts.in.map((f) => basename(f)));
      const shipped = opts.shipped ? shippedTrainingFiles(cfg.env.configDir).filter((f) => !given.has(basename(f))) : [];
      const background = shipped.flatMap((f) => readLabelledJsonl(f));
      const trained = trainModel(examples, cfg, { sources: [...opts.in, ...shipped].map((f) => basename(f)), background });
      const store = new ModelStore(cfg.env.dataDir);
      const file = store.save(trained, { activate: true });
      const summary = {
        version: trained.version,
        file,
        items: trained.trainedOn.items,
        scoredItems: trained.metrics?.items ?? 0,
        shipped: shipped.map((f) => basename(f)),
        categories: trained.trainedOn.categories,
        autoThreshold: trained.autoThreshold,
        crossValidated: trained.metrics,
        curve: trained.curve,
      };
      if (opts.json) printJson(summary);
      else {
        const m = trained.metrics;
        console.log(`model ${trained.version} trained on ${summary.items} items (${summary.categories} categories), saved to ${file} and made active`);
        if (m) console.log(`cross-validated: department ${pct(m.department_accuracy)}, category ${pct(m.category_accuracy)}, auto ${pct(m.auto_coverage)} of items at ${pct(m.auto_precision)} precision`);
      }
    }));

  model
    .command('eval')
    .description('measure the active model on labelled JSONL')
    .requiredOption('--in <file>', 'labelled JSONL file')
    .option('--json', 'print JSON only')
    .action(action(async (opts: { in: string; json?: boolean }) => {
      const cfg = config();
      const store = new ModelStore(cfg.env.dataDir);
      const active = store.active();
      if (!active) throw new Error(`no trained model in ${store.dir} — train one first: hub model train --in FILE...`);
      const items = readLabelledJsonl(opts.in);
      const { curve, ...metrics } = evaluate(new Classifier(active, cfg), items);
      if (opts.json) printJson(metrics);
      else {
        printJson(metrics);
        console.log(`model ${active.version}; auto precision/coverage by threshold: ${curve.map((p) => `${p.threshold}: ${pct(p.precision)}/${pct(p.coverage)}`).join(', ')}`);
      }
    }));
}
