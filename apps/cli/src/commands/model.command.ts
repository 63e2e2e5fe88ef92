import { basename } from 'path';
import type { Command } from 'commander';
import {
  crossValidate,
  evaluate,
  ModelStore,
  pushModel,
  readLabelledJsonl,
  shippedTrainingFiles,
  trainModel,
  unknownCategories,
  type LabelledItem,
} from '@hub/classification';
import type { HubConfig } from '@hub/config';
import { action, config, printJson } from '../cli-support';
import { activeClassifier } from './classify.command';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line on stderr when examples name categories taxonomy.yaml lacks (another city's labels, an old taxonomy). */
function warnUnknownCategories(items: readonly LabelledItem[], cfg: HubConfig, consequence: string): void {
  const unknown = unknownCategories(items, cfg);
  if (!unknown.size) return;
  const n = [...unknown.values()].reduce((a, b) => a + b, 0);
  const named = [...unknown]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([c, k]) => `${c} (${k})`)
    .join(', ');
  process.stderr.write(
    `hub: ${n} of ${items.length} item(s) name categories taxonomy.yaml does not list, ${consequence}: ${named}${unknown.size > 3 ? ` and ${unknown.size - 3} more` : ''}\n`,
  );
}

/** `hub model train` and `hub model eval`. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('the routing model: train and evaluate');

  model
    .command('train')
    .description('train a routing model from labelled JSONL, save it under HUB_DATA_DIR/models and make it active')
    .requiredOption('--in <files...>', 'labelled JSONL file(s) (demo-city README format)')
    .option('--no-shipped', 'do not add the examples shipped in <HUB_CONFIG_DIR>/training (by default they are trained on, never scored)')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (opts: { in: string[]; shipped: boolean; json?: boolean }) => {
        const cfg = config();
        const examples = opts.in.flatMap((f) => readLabelledJsonl(f));
        warnUnknownCategories(examples, cfg, 'not trained on');
        const given = new Set(opts.in.map((f) => basename(f)));
        const shipped = opts.shipped ? shippedTrainingFiles(cfg.env.configDir).filter((f) => !given.has(basename(f))) : [];
        const background = shipped.flatMap((f) => readLabelledJsonl(f));
        const trained = trainModel(examples, cfg, { sources: [...opts.in, ...shipped].map((f) => basename(f)), background });
        const store = new ModelStore(cfg.env.dataDir);
        const file = store.save(trained, { activate: true });
        await pushModel(cfg, store, trained.version);
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
          if (m)
            console.log(
              `cross-validated: department ${pct(m.department_accuracy)}, category ${pct(m.category_accuracy)}, auto ${pct(m.auto_coverage)} of items at ${pct(m.auto_precision)} precision`,
            );
        }
      }),
    );

  model
    .command('eval')
    .description(
      'measure the active model (trained from the shipped examples when there is none) on labelled JSONL, or with --folds K a model trained on the other folds for each held-out fold',
    )
    .requiredOption('--in <files...>', 'labelled JSONL file(s)')
    .option('--folds <k>', 'stratified k-fold evaluation of training on these files (the active model is not used)', (v) => Number.parseInt(v, 10))
    .option('--no-shipped', 'with --folds: do not train on the examples shipped in <HUB_CONFIG_DIR>/training')
    .option('--json', 'print JSON only')
    .action(
      action(async (opts: { in: string[]; folds?: number; shipped: boolean; json?: boolean }) => {
        const cfg = config();
        const items = opts.in.flatMap((f) => readLabelledJsonl(f));
        warnUnknownCategories(items, cfg, opts.folds !== undefined ? 'left out' : 'scored as wrong');
        if (opts.folds !== undefined) {
          if (!Number.isInteger(opts.folds) || opts.folds < 2) throw new Error('--folds must be an integer of at least 2');
          const given = new Set(opts.in.map((f) => basename(f)));
          const shipped = opts.shipped ? shippedTrainingFiles(cfg.env.configDir).filter((f) => !given.has(basename(f))) : [];
          const cv = crossValidate(items, cfg, { outerFolds: opts.folds, background: shipped.flatMap((f) => readLabelledJsonl(f)) });
          if (opts.json) printJson({ ...cv.metrics, folds: cv.folds, baseline: cv.baseline, curve: cv.curve, urgency_curve: cv.urgencyCurve });
          else {
            printJson(cv.metrics);
            console.log(
              `${cv.folds}-fold, every item held out once; plain baseline (char 1–3-grams): department ${pct(cv.baseline.department_accuracy)}, category ${pct(cv.baseline.category_accuracy)}`,
            );
            printCurve(cv.curve);
            printUrgencyCurve(cv.urgencyCurve);
          }
          return;
        }
        const classifier = activeClassifier(cfg);
        const { curve, urgencyCurve, ...metrics } = evaluate(classifier, items);
        printJson(opts.json ? { ...metrics, urgency_curve: urgencyCurve } : metrics);
        if (!opts.json) {
          console.log(`model ${classifier.version}`);
          printCurve(curve);
          const u = classifier.model.urgency;
          if (u) console.log(`urgency: urgent at ${u.urgentThreshold} or more, 疑似紧急 from ${u.suspectedThreshold}`);
          printUrgencyCurve(urgencyCurve);
        }
      }),
    );
}

function printUrgencyCurve(curve: ReadonlyArray<{ threshold: number; precision: number; recall: number }>): void {
  console.log(`urgency precision/recall by threshold: ${curve.map((p) => `${p.threshold}: ${pct(p.precision)}/${pct(p.recall)}`).join(', ')}`);
}

function printCurve(curve: ReadonlyArray<{ threshold: number; precision: number; coverage: number }>): void {
  console.log(`auto precision/coverage by threshold: ${curve.map((p) => `${p.threshold}: ${pct(p.precision)}/${pct(p.coverage)}`).join(', ')}`);
}
