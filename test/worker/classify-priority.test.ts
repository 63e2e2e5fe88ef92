import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { BullmqProducer, classifyJobs, createRedis, JOB_NAMES, JobHandlerRegistry } from '@hub/queue';
import { RequeueUnroutedTicketsUseCase } from '@hub/tickets';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';

const WEB_TICKET = 5000;
/** Marks a lookup-row job in the order (its tickets follow). */
const LOOKUP_ROWS = -1;

/**
 * Queues with `queue` on a fresh prefix, then starts a worker and returns the ticket ids of each
 * classify job (and, after LOOKUP_ROWS, of each lookup-row job) in the order the worker started them, once `done` says enough ran (20 s at most).
 */
async function routingOrder(queue: (producer: BullmqProducer) => Promise<void>, done: (started: number[][]) => boolean): Promise<number[][]> {
  const prefix = `{${uniqueName('priority')}}`;
  const redis = createRedis(TEST_REDIS_URL, 'priority-test');
  const producer = new BullmqProducer(redis, prefix);
  const started: number[][] = [];
  let runner: WorkerRunner | undefined;
  try {
    await queue(producer);
    const registry = new JobHandlerRegistry();
    for (const n of JOB_NAMES) if (n !== 'ticket-classify' && n !== 'ticket-search-index') registry.register(n, async () => undefined);
    registry.register('ticket-search-index', async ({ ticketIds }) => {
      started.push([LOOKUP_ROWS, ...ticketIds]);
    });
    registry.register('ticket-classify', async ({ ticketIds }) => {
      started.push(ticketIds);
      await new Promise((r) => setTimeout(r, 20));
    });
    const config = loadConfig({
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      HUB_QUEUE_PREFIX: prefix,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-priority-')),
    });
    runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    await runner.onApplicationBootstrap();
    const end = Date.now() + 20_000;
    while (!done(started) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    return started;
  } finally {
    await runner?.onApplicationShutdown();
    await producer.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

/**
 * An export file's tickets are queued for routing as many small jobs; a web request taken while
 * they wait must be routed next, not after the whole file.
 */
describe('routing order: a web request before an export file waiting', () => {
  const fileTickets = Array.from({ length: 200 }, (_, i) => i + 1);
  beforeAll(() => Logger.overrideLogger(['error']));

  it('takes the single request first although the file was queued before it', async () => {
    const started = await routingOrder(
      async (producer) => {
        for (const job of classifyJobs(fileTickets, true)) await producer.add('ticket-classify', job);
        await producer.add('ticket-classify', { ticketIds: [WEB_TICKET] }); // the web request, queued last
      },
      (s) => s.length >= 9,
    );
    expect(started[0]).toEqual([WEB_TICKET]);
    // The file's jobs then run in the order they were queued, every ticket once.
    expect(started.slice(1).flat()).toEqual(fileTickets);
  });

  /** The file's tickets wait longer than the triage sweep's 30 seconds while it is routed, and the sweep queues them again. */
  it('takes it first too when the triage sweep has queued the file again', async () => {
    const started = await routingOrder(
      async (producer) => {
        for (const job of classifyJobs(fileTickets, true)) await producer.add('ticket-classify', job);
        // The sweep finds the file's tickets still received but the first three (a worker routed them).
        const stillReceived = fileTickets.slice(3);
        const uow = { read: () => ({ listIdsStillReceived: async () => stillReceived }) } as unknown as UnitOfWork;
        const sweep = new RequeueUnroutedTicketsUseCase(uow, { now: () => new Date() }, producer);
        expect(await sweep.execute()).toEqual({ requeued: stillReceived.length });
        await producer.add('ticket-classify', { ticketIds: [WEB_TICKET] }); // the web request
      },
      (s) => s.some((ids) => ids.includes(WEB_TICKET)),
    );
    expect(started[0]).toEqual([WEB_TICKET]);
  });

  /** Writing the words of a file's tickets is work too: it waits until the file is routed. */
  it("writes a file's lookup rows after routing its tickets, though they were queued first", async () => {
    const started = await routingOrder(
      async (producer) => {
        // As an import commits: the lookup-row job of the file's tickets, then their classify jobs.
        await producer.add('ticket-search-index', { ticketIds: fileTickets });
        for (const job of classifyJobs(fileTickets, true)) await producer.add('ticket-classify', job);
      },
      (s) => s.some((ids) => ids[0] === LOOKUP_ROWS),
    );
    expect(started.at(-1)).toEqual([LOOKUP_ROWS, ...fileTickets]);
    expect(started.slice(0, -1).flat()).toEqual(fileTickets);
  });
});
