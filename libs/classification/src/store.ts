import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import type { HubConfig } from '@hub/config';
import { Classifier } from './classifier';
import type { RouterModelJson } from './router-model';
import { trainModel, type LabelledItem, type TrainOptions } from './training';

/**
 * Model files under `HUB_DATA_DIR/models`: one `<version>.json` per trained model and
 * `active.json` naming the one in use. Writes go through a temporary file and a rename.
 */
export class ModelStore {
  readonly dir: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'models');
  }

  private write(file: string, content: string): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${file}.${process.pid}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, join(this.dir, file));
  }

  save(model: RouterModelJson, opts: { activate?: boolean } = {}): string {
    if (!/^[\w.-]+$/.test(model.version)) throw new Error(`model version ${model.version} is not a valid file name`);
    const file = join(this.dir, `${model.version}.json`);
    this.write(`${model.version}.json`, JSON.stringify(model));
    if (opts.activate) this.activate(model.version);
    return file;
  }

  activate(version: string): void {
    if (!existsSync(join(this.dir, `${version}.json`))) throw new Error(`no model ${version} in ${this.dir}`);
    this.write('active.json', JSON.stringify({ version, activatedAt: new Date().toISOString() }) + '\n');
  }

  activeVersion(): string | null {
    const pointer = join(this.dir, 'active.json');
    if (!existsSync(pointer)) return null;
    try {
      return (JSON.parse(readFileSync(pointer, 'utf8')) as { version?: string }).version ?? null;
    } catch {
      return null;
    }
  }

  load(version: string): RouterModelJson {
    const path = join(this.dir, `${version}.json`);
    if (!existsSync(path)) throw new Error(`model file ${path} is missing`);
    const model = JSON.parse(readFileSync(path, 'utf8')) as RouterModelJson;
    if (model.format !== 'hub-router/1') throw new Error(`${path} is not a routing model (format ${String(model.format)})`);
    return model;
  }

  /** The active model, or null when none has been trained. */
  active(): RouterModelJson | null {
    const v = this.activeVersion();
    return v ? this.load(v) : null;
  }

  list(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && f !== 'active.json')
      .map((f) => basename(f, '.json'))
      .sort();
  }
}

/** Reads labelled JSONL; a bad line is reported with its file and line number. */
export function readLabelledJsonl(path: string): LabelledItem[] {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  const out: LabelledItem[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${path}:${i + 1}: not a JSON object`);
      const o = v as Partial<LabelledItem>;
      if (typeof o.text !== 'string' || typeof o.category !== 'string') throw new Error(`${path}:${i + 1}: needs "text" and "category"`);
      out.push(o as LabelledItem);
    });
  return out;
}

/** The labelled files shipped with the config (`<HUB_CONFIG_DIR>/training/*.jsonl`). */
export function shippedTrainingFiles(configDir: string): string[] {
  const dir = join(configDir, 'training');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The classifier with the active model; when none exists yet, trains one from the shipped
 * training files, saves it and makes it active (the demo city works out of the box).
 * `onTrain` hears of that training before it starts (the CLI prints a notice: it takes a few seconds).
 */
export function ensureModel(config: HubConfig, options: TrainOptions & { onTrain?: (files: string[], dir: string) => void } = {}): Classifier {
  const { onTrain, ...trainOptions } = options;
  const store = new ModelStore(config.env.dataDir);
  let model = store.active();
  if (!model) {
    const files = shippedTrainingFiles(config.env.configDir);
    if (!files.length)
      throw new Error(
        `no trained model in ${store.dir} and no training files in ${join(config.env.configDir, 'training')} — run \`hub model train --in FILE\``,
      );
    onTrain?.(files, store.dir);
    const examples = files.flatMap(readLabelledJsonl);
    model = trainModel(examples, config, { sources: files.map((f) => basename(f)), ...trainOptions });
    store.save(model, { activate: true });
  }
  return new Classifier(model, config);
}
