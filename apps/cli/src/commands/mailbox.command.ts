import { Command } from 'commander';
import type { HubConfig } from '@hub/config';
import type { JobProducer } from '@hub/queue';
import { configuredMailbox, mailboxStatus, type PollResult } from '../../../../libs/intake/src/mailbox-use-cases';
import { action, CliError, config, printJson, withDatabase } from '../cli-support';
import { cliMailbox, cliUnitOfWork } from './mailbox-wiring';

/** A queue that never holds the command up: with Redis down, the worker's triage sweep catches up. */
function boundedProducer(inner: JobProducer, timeoutMs = 3000): JobProducer {
  const bounded = (work: Promise<void>) =>
    Promise.race([work, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer')), timeoutMs).unref())]);
  return {
    add: (name, payload, opts) => bounded(inner.add(name, payload, opts)),
    addMany: (name, payloads) => bounded(inner.addMany(name, payloads)),
  };
}

/**
 * The job queue, connected only when the first job is queued: a poll that finds no new letter
 * starts and ends without loading BullMQ or opening a Redis connection.
 */
export async function withQueue<T>(cfg: HubConfig, enabled: boolean, fn: (jobs: JobProducer | null) => Promise<T>): Promise<T> {
  if (!enabled) return fn(null);
  const held: { opening: Promise<JobProducer> | null; close: (() => Promise<void>) | null } = { opening: null, close: null };
  const open = () =>
    (held.opening ??= import('@hub/queue').then(({ BullmqProducer, createRedis }) => {
      const redis = createRedis(cfg.env.redisUrl, 'hub-cli');
      redis.on('error', () => undefined);
      const producer = new BullmqProducer(redis, cfg.env.queuePrefix);
      held.close = async () => {
        await Promise.race([producer.close(), new Promise((r) => setTimeout(r, 1000).unref())]).catch(() => undefined);
        redis.disconnect();
      };
      return boundedProducer(producer);
    }));
  const lazy: JobProducer = {
    add: async (name, payload, opts) => (await open()).add(name, payload, opts),
    addMany: async (name, payloads) => (await open()).addMany(name, payloads),
  };
  try {
    return await fn(lazy);
  } finally {
    await held.opening?.catch(() => undefined);
    await held.close?.();
  }
}

const counts = (r: PollResult) => ({
  fetched: r.fetched,
  created: r.created,
  threaded: r.threaded,
  ignored: r.ignored,
  quarantined: r.quarantined,
  duplicates: r.duplicates,
  ...(r.skipped ? { skipped: r.skipped } : {}),
});

function describe(name: string, r: PollResult): string {
  if (r.skipped === 'locked') return `${name}: skipped — another poll of this mailbox is running`;
  return `${name}: ${r.fetched} fetched, ${r.created} new tickets, ${r.threaded} replies added to tickets, ${r.ignored} ignored, ${r.quarantined} quarantined${r.duplicates ? `, ${r.duplicates} already recorded` : ''}`;
}

export function registerMailboxCommands(program: Command): void {
  const mailbox = program.command('mailbox').description("governor's and mayor's mailboxes (IMAP)");

  mailbox
    .command('poll [name]')
    .description('poll one or all configured mailboxes once')
    .option('--json', 'print one JSON document: {"<mailbox>": {"fetched","created","threaded","ignored","quarantined"}}')
    .option('--no-queue', "do not queue the new tickets for classification (the worker's triage sweep picks them up)")
    .action(
      action(async (name: string | undefined, opts: { json?: boolean; queue: boolean }) => {
        // Started by cron, often: the other configuration files are read only if the poll needs them.
        const cfg = config({ only: ['mailboxes'] });
        const names = name ? [name] : cfg.mailboxes.mailboxes.map((m) => m.name);
        if (!names.length) throw new CliError(`no mailboxes configured — add them to ${cfg.env.configDir}/mailboxes.yaml`);
        const out: Record<string, ReturnType<typeof counts> | { error: string }> = {};
        const failures: string[] = [];
        await withDatabase(cfg, (ds) =>
          withQueue(cfg, opts.queue, async (jobs) => {
            const intake = cliMailbox(ds, cfg, jobs);
            if (name) configuredMailbox(cfg, name); // unknown name: one clear line, before anything is touched
            for (const n of names) {
              try {
                const r = await intake.pollMailbox.execute({ mailbox: n, force: true });
                out[n] = counts(r);
                if (!opts.json) console.log(describe(n, r));
              } catch (e) {
                const message = (e as Error).message;
                out[n] = { error: message };
                failures.push(message);
              }
            }
          }),
        );
        if (opts.json) printJson(out);
        if (failures.length) {
          // One mailbox: its error is the command's error. Several: report each, exit non-zero.
          if (names.length === 1) throw new CliError(failures[0]);
          for (const f of failures) process.stderr.write(`hub: ${f}\n`);
          process.exitCode = 1;
        }
      }),
    );

  mailbox
    .command('reparse <intakeItemId>')
    .description('re-run a quarantined (or wrongly ignored) letter from its raw bytes, after a fix')
    .option('--json', 'print {"intakeItemId","status","ticketId","reason","unchanged"}')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        if (!/^\d+$/.test(id)) throw new CliError(`intake item id must be a number (got ${id})`);
        const cfg = config();
        const result = await withDatabase(cfg, (ds) =>
          withQueue(cfg, true, (jobs) => cliMailbox(ds, cfg, jobs).reparseLetter.execute({ intakeItemId: Number(id) })),
        );
        if (opts.json) printJson(result);
        else if (result.unchanged)
          console.log(`intake item ${id}: already ${result.status}${result.ticketId ? ` (ticket ${result.ticketId})` : ''} — nothing to do`);
        else
          console.log(
            `intake item ${id}: ${result.status}${result.ticketId ? ` (ticket ${result.ticketId})` : ''}${result.reason ? ` — ${result.reason}` : ''}`,
          );
      }),
    );

  mailbox
    .command('status')
    .description("each mailbox's cursor and health, and the letters waiting in quarantine")
    .option('--json', 'print one JSON document')
    .action(
      action(async (opts: { json?: boolean }) => {
        const cfg = config();
        const report = await withDatabase(cfg, (ds) => mailboxStatus(cliUnitOfWork(ds, null), cfg));
        if (opts.json) return printJson(report);
        for (const m of report.mailboxes) {
          console.log(
            `${m.name}: ${m.status}, last UID ${m.lastUid}${m.lastSuccessAt ? `, last poll ${new Date(m.lastSuccessAt).toISOString()}` : ''}${m.lastError ? ` — ${m.lastError}` : ''}`,
          );
        }
        if (report.quarantined.length) {
          console.log(`\n${report.quarantined.length} quarantined letter(s) (re-run with \`hub mailbox reparse ID\`):`);
          for (const q of report.quarantined) console.log(`  ${q.id}  ${q.mailbox}  ${q.messageId ?? ''}  ${q.reason ?? ''}`);
        }
      }),
    );
}
