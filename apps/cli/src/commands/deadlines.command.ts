import { Command } from 'commander';
import { TypeOrmUnitOfWork } from '@hub/database';
import { loadCityDeadlinePolicies } from '@hub/deadlines';
import { fixedClock, parseBusinessTime, systemClock } from '@hub/domain';
import { createRedis, BullmqProducer, JobProducer, RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { action, CliError, config, printJson, withDatabase } from '../cli-support';

/** Enqueues the new mails when Redis answers; otherwise they wait in the outbox for the worker's outbox sweep. */
async function tryProducer(redisUrl: string, prefix: string): Promise<{ jobs: JobProducer | null; close: () => Promise<void> }> {
  const redis = createRedis(redisUrl, 'hub-cli');
  redis.on('error', () => undefined);
  const ok = await Promise.race([
    redis.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
  ]);
  if (!ok) {
    redis.disconnect();
    return { jobs: null, close: async () => undefined };
  }
  const producer = new BullmqProducer(redis, prefix);
  return {
    jobs: producer,
    close: async () => {
      await producer.close();
      redis.disconnect();
    },
  };
}

export function registerDeadlineCommands(program: Command): void {
  const deadlines = program.command('deadlines').description('time limits, reminders and escalations');
  deadlines
    .command('sweep')
    .description('one pass of reminders, escalations (督办) and the daily digest; prints counts per stage and level')
    .option('--now <iso8601>', 'run as if it were this time (e.g. 2026-03-02T09:00:00+08:00; without a zone: Beijing time)')
    .option('--json', 'print one JSON document')
    .action(
      action(async (opts: { now?: string; json?: boolean }) => {
        const given = opts.now === undefined ? null : parseBusinessTime(opts.now);
        if (opts.now !== undefined && !given) {
          throw new CliError(
            `--now ${opts.now}: not a date or time that exists; write ISO 8601, e.g. 2026-03-02T09:00:00+08:00 (without a zone: Beijing time)`,
          );
        }
        const now = given?.at ?? new Date();
        const cfg = config();
        // Each city's ticket on its city's calendar, as the worker's sweep.
        const policies = loadCityDeadlinePolicies(cfg);
        const queue = await tryProducer(cfg.env.redisUrl, cfg.env.queuePrefix);
        try {
          const clock = opts.now ? fixedClock(now) : systemClock;
          // Without Redis nothing is queued: the worker's outbox sweep sends the mails later.
          const jobs = queue.jobs ?? new RecordingJobProducer();
          const result = await withDatabase(cfg, (ds) =>
            reminderUseCases({ uow: new TypeOrmUnitOfWork(ds, jobs), clock, config: cfg, policies, jobs }).sweep.execute({ now }),
          );
          const out = { ...result, queued: Boolean(queue.jobs) };
          if (opts.json) printJson(out);
          else {
            console.log(
              `${out.now}: ${out.examined} due deadline(s) examined, ${out.sent} reminder(s) written, ${out.mails} mail(s) ${out.queued ? 'queued' : 'left in the outbox (Redis unreachable)'}`,
            );
            for (const [stage, levels] of Object.entries(out.byStage))
              console.log(
                `  ${stage}: ${Object.entries(levels)
                  .map(([l, n]) => `${l} ${n}`)
                  .join(', ')}`,
              );
            if (out.digest) console.log(`  digest ${out.digest.day}: ${out.digest.units} unit(s), ${out.digest.items} overdue item(s)`);
          }
        } finally {
          await queue.close();
        }
      }),
    );
}
