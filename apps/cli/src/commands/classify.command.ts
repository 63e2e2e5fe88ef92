import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'fs';
import { createInterface } from 'readline';
import type { Command } from 'commander';
import { ensureModel, type Classifier } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import { action, config } from '../cli-support';

/**
 * The active model's classifier; on a fresh data dir one is trained from the shipped examples first
 * (as the API and worker do), with a one-line notice on stderr.
 */
export function activeClassifier(cfg: HubConfig): Classifier {
  return ensureModel(cfg, {
    onTrain: (files, dir) =>
      process.stderr.write(
        `hub: no trained model in ${dir} — training one from the ${files.length} shipped example file(s) (hub model train --in FILE to use your own)\n`,
      ),
  });
}

/** The output file, opened before any work (a missing folder is one line, not a crash mid-way). */
function openOutput(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path);
    file.once('open', () => resolve(file));
    file.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`cannot write ${path}: ${e.code === 'ENOENT' ? 'no such folder' : (e.code ?? e.message)}`)),
    );
  });
}

/** `hub classify --in FILE [--out FILE]`: JSONL in, one routing decision per line out. */
export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('classify JSONL items {"id","text","channel"?} with the active model (trained from the shipped examples when there is none)')
    .requiredOption('--in <file>', 'input JSONL')
    .option('--out <file>', 'output JSONL (default: stdout)')
    .action(
      action(async (opts: { in: string; out?: string }) => {
        const cfg = config();
        if (!existsSync(opts.in)) throw new Error(`${opts.in}: no such file`);
        const classifier = activeClassifier(cfg);
        const out = opts.out ? await openOutput(opts.out) : process.stdout;
        const lines = createInterface({ input: createReadStream(opts.in, 'utf8'), crlfDelay: Infinity });
        let n = 0;
        // A bad line is named on stderr and skipped; the others are still classified.
        const skipped: string[] = [];
        for await (const line of lines) {
          n++;
          if (!line.trim()) continue;
          let item: { id?: unknown; text?: unknown; channel?: unknown; address?: unknown; source?: unknown };
          try {
            item = JSON.parse(line);
          } catch {
            skipped.push(`${opts.in}:${n}: not valid JSON, skipped`);
            continue;
          }
          if (!item || typeof item !== 'object' || Array.isArray(item)) {
            skipped.push(`${opts.in}:${n}: not a JSON object {"id","text"}, skipped`);
            continue;
          }
          if (typeof item.text !== 'string') {
            skipped.push(`${opts.in}:${n}: needs "text" (a string), skipped`);
            continue;
          }
          // An empty text has nothing to route by: it would go to whichever unit the model leans to.
          if (!item.text.trim()) {
            skipped.push(`${opts.in}:${n}: "text" is blank, skipped`);
            continue;
          }
          const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
          const c = classifier.classify({ text: item.text, channel: str(item.channel), address: str(item.address), source: str(item.source) });
          const row = {
            id: item.id ?? null,
            category: c.category,
            region: c.region,
            department: c.department,
            urgency: c.urgency,
            disposition: c.disposition,
            confidence: c.confidence,
            auto: c.auto,
            // Beyond the documented fields: unsure whether urgent (疑似紧急), so an operator decides (auto is false).
            urgencySuspected: c.urgencySuspected,
          };
          if (!out.write(JSON.stringify(row) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        if (opts.out) {
          const file = out as WriteStream;
          await new Promise<void>((resolve, reject) => {
            file.once('error', reject);
            file.end(() => resolve());
          });
        }
        if (skipped.length) {
          for (const s of skipped) process.stderr.write(`hub: ${s}\n`);
          throw new Error(`${skipped.length} line(s) of ${opts.in} skipped, the rest classified`);
        }
      }),
    );
}
