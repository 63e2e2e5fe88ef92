/**
 * `npm run load` (#22): a day of a big city's intake (70% hotline export rows, 20% web requests,
 * 10% letters over IMAP; repeats, urgent items, bad rows, malformed letters) replayed at a speed-up
 * against 2 API and 3 worker processes (fleet.ts) on the harness's own MariaDB, a Redis Cluster,
 * s3rver, Dovecot and an SMTP sink. During the run a worker is killed (SIGKILL, 30%), the Redis
 * master holding the hub's slot is stopped (50%) and MariaDB is stopped and started again (70%).
 * Urgent tickets have a 2-minute 签收 limit here, so reminders are sent during the run. Then it
 * counts, from the generated source data, every item a ticket exactly once per source, every mail
 * recorded as sent received exactly once, and reports latency, queue depths, CPU and memory.
 *
 *   npm run load -- [--items 60000] [--speedup 24] [--seconds W] [--drain-seconds 300]
 *                   [--db-down-seconds 15] [--no-faults] [--find-max]
 */
import * as mysql from 'mysql2/promise';
import { BullmqProducer, createRedis, QUEUE_NAMES } from '@hub/queue';
import { masterOfKey } from '../support/redis-topologies';
import { planDay } from './day-plan';
import { findMax } from './find-max';
import { startFleet } from './fleet';
import { type Proc, sample } from './load-support';
import { countMail, mailProblems, SHORT_ACK_MS } from './mail-check';
import { countTickets, latency, ticketProgress, ticketProblems } from './ticket-check';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const say = (line: string) => console.log(`[load ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function runOnce(): Promise<boolean> {
  const speedup = arg('speedup', 24);
  const fullDayMs = 86_400_000 / speedup;
  const seconds = arg('seconds', 0);
  // --seconds W: only W seconds of the replayed day, with that slice's share of the items (same rate).
  const dayMs = seconds > 0 ? Math.min(fullDayMs, seconds * 1000) : fullDayMs;
  const items = Math.round((arg('items', 60_000) * dayMs) / fullDayMs);
  const drainSeconds = arg('drain-seconds', 300);
  const dbDownMs = arg('db-down-seconds', 15) * 1000;
  const withFaults = !process.argv.includes('--no-faults');
  say(`${items} items over ${(dayMs / 1000).toFixed(0)} s (×${speedup}: ${((items * 1000) / dayMs).toFixed(1)} items/s)${withFaults ? '' : ', no faults'}`);

  const fleet = await startFleet(say);
  let passed = false;
  const ended = new Set<Proc>(); // processes the harness ended itself
  try {
    const plan = planDay(items, dayMs, { ...fleet, runId: fleet.prefix.replace(/\W/g, '') });
    say(`2 API and 3 worker processes up; ${JSON.stringify(plan.items)}`);

    const faults: string[] = [];
    const secs = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    const faultAt = [
      {
        at: dayMs * 0.3,
        run: async () => {
          const victim = fleet.workers[0];
          ended.add(victim);
          victim.proc.kill('SIGKILL');
          faults.push(`${victim.name} killed (SIGKILL) at ${secs(dayMs * 0.3)}, started again 3 s later`);
          await sleep(3000);
          fleet.workers[0] = fleet.spawnWorker('worker1b');
          fleet.procs.push(fleet.workers[0]);
        },
      },
      {
        at: dayMs * 0.5,
        run: async () => {
          const master = masterOfKey(fleet.cluster, `${fleet.prefix}:x`);
          await master.stop('SIGTERM');
          faults.push(`Redis master :${master.port} (the hub's slot) stopped at ${secs(dayMs * 0.5)}; its replica promoted`);
        },
      },
      {
        at: dayMs * 0.7,
        run: async () => {
          const t = Date.now();
          const shutdownMs = await fleet.db.stop();
          await sleep(dbDownMs);
          await fleet.db.start();
          faults.push(`MariaDB stopped (SIGTERM, ${secs(shutdownMs)} to exit) at ${secs(dayMs * 0.7)}, answering again ${secs(Date.now() - t)} later`);
        },
      },
    ];

    const monitor = createRedis(fleet.cluster.url, 'load-monitor');
    const producer = new BullmqProducer(monitor, fleet.prefix, 5000);
    const depths: Array<{ s: number; depth: Record<string, number> }> = [];
    const peak: Record<string, number> = Object.fromEntries(QUEUE_NAMES.map((q) => [q, 0]));
    let t0 = Date.now();
    const sampler = setInterval(() => {
      fleet.procs.forEach(sample);
      const s = (Date.now() - t0) / 1000;
      void Promise.all(
        QUEUE_NAMES.map((q) =>
          producer.queues[q].getJobCounts('waiting', 'prioritized').then(
            (c) => [q, (c.waiting ?? 0) + (c.prioritized ?? 0)] as const,
            () => [q, -1] as const,
          ),
        ),
      ).then((d) => {
        depths.push({ s, depth: Object.fromEntries(d) });
        for (const [q, n] of d) peak[q] = Math.max(peak[q], n);
      });
    }, 1000);
    const depthAt = (from: number, to: number) => {
      const max: Record<string, number> = {};
      for (const d of depths) if (d.s >= from && d.s < to) for (const [q, n] of Object.entries(d.depth)) max[q] = Math.max(max[q] ?? 0, n);
      const busy = Object.entries(max).filter(([, n]) => n !== 0);
      return busy.length ? busy.map(([q, n]) => `${q} ${n < 0 ? '?' : n}`).join(', ') : 'empty';
    };

    t0 = Date.now();
    const errors: string[] = [];
    let inFlight = 0;
    const pending: Promise<void>[] = [];
    if (withFaults) for (const f of faultAt) pending.push(sleep(f.at).then(f.run));
    for (const e of plan.events) {
      const wait = t0 + e.at - Date.now();
      if (wait > 0) await sleep(wait);
      while (inFlight >= 32) await sleep(5);
      inFlight++;
      pending.push(
        e
          .run()
          .catch((err: Error) => void errors.push(err.message))
          .finally(() => inFlight--),
      );
    }
    await Promise.all(pending);
    const sentIn = Date.now() - t0;
    say(`all sent in ${(sentIn / 1000).toFixed(1)} s (${errors.length} refused for good)`);

    // Wait for the tickets, then until every urgent 签收 limit has come due, then for the outbox.
    const conn = await mysql.createConnection({ uri: fleet.db.url });
    const expected = Object.values(plan.expected).reduce((s, ids) => s + ids.size, 0);
    const end = Date.now() + drainSeconds * 1000;
    for (;;) {
      const p = await ticketProgress(conn);
      if ((p.total >= expected && p.unclassified === 0) || Date.now() > end) break;
      await sleep(1000);
    }
    const doneIn = Date.now() - t0;
    say(`tickets settled after ${(doneIn / 1000).toFixed(1)} s; waiting for the last urgent 签收 limits and the outbox`);
    const [[last]] = await conn.query<mysql.RowDataPacket[]>("SELECT MAX(dueAt) AS due FROM deadlines WHERE stage = 'acknowledge' AND basis = 'hours'");
    const lastDue = last?.due ? new Date(last.due as string).getTime() : 0;
    while (Date.now() < Math.min(end + SHORT_ACK_MS, lastDue + 10_000)) await sleep(1000);
    for (const stopAt = Date.now() + 90_000; Date.now() < stopAt; await sleep(1000)) {
      const [[o]] = await conn.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM outgoing_mail WHERE status IN ('pending', 'sending')");
      if (Number(o.n) === 0) break;
    }
    fleet.procs.forEach(sample);
    const crashed = fleet.procs
      .filter((p) => !ended.has(p) && (p.proc.exitCode !== null || p.proc.signalCode !== null))
      .map((p) => `${p.name} (${p.proc.exitCode ?? p.proc.signalCode})`);
    // The workers are stopped (SIGTERM: running jobs finish) before the mail is counted: nothing sends behind the count.
    const cutoff = new Date(Date.now() - 10_000);
    await Promise.all(
      fleet.workers.map(async (w) => {
        ended.add(w);
        if (w.proc.exitCode !== null || w.proc.signalCode !== null) return;
        const exited = new Promise((r) => w.proc.once('exit', r));
        w.proc.kill('SIGTERM');
        await Promise.race([exited, sleep(30_000)]);
      }),
    );
    clearInterval(sampler);
    await producer.close().catch(() => undefined);
    monitor.disconnect();

    const tickets = await countTickets(conn, plan);
    const lat = await latency(conn, t0, doneIn, depthAt, plan);
    const mail = await countMail(conn, fleet.sink, cutoff);
    await conn.end();
    const problems = [...ticketProblems(tickets, lat, crashed), ...mailProblems(mail)];
    const report = {
      speedup,
      items: plan.items,
      sentSeconds: +(sentIn / 1000).toFixed(1),
      allTicketsSeconds: +(doneIn / 1000).toFixed(1),
      tickets,
      reminders: mail.reminders,
      urgentAcknowledgeLimitsPastDue: mail.ackDue,
      mail: { bySinkReceived: fleet.sink.received(), byKind: mail.byKind, unknownInSink: mail.unknown },
      dispatchLatencyMs: { dispatched: lat.dispatched, p50: lat.p50, p95: lat.p95, p99: lat.p99 },
      latencyByChannelMs: lat.byChannel,
      hotlineRowsFromUploadMs: lat.hotlineRowsFromUpload,
      latencyOverTime: lat.overTime,
      peakQueueDepth: peak,
      processes: fleet.procs.map((p) => ({
        name: p.name,
        cpuSeconds: p.cpuTicks / 100,
        peakRssMb: Math.round(p.peakRssKb / 1024),
        errorLogLines: p.errorLines,
      })),
      faults,
      refused: errors.slice(0, 5),
      problems,
    };
    console.log(JSON.stringify(report, null, 2));
    passed = problems.length === 0;
    say(passed ? `PASSED at ×${speedup}: nothing lost or doubled, p95 ${lat.p95.toFixed(0)} ms < 5 s` : `FAILED at ×${speedup}: ${problems.join('; ')}`);
    console.log(`LOAD-RESULT ${JSON.stringify({ speedup, items, passed, p95: lat.p95, problems })}`);
    if (!passed) for (const p of fleet.procs) if (crashed.some((c) => c.startsWith(`${p.name} `))) console.log(`--- ${p.name} log ---\n${p.log}`);
  } finally {
    await fleet.stop();
  }
  return passed;
}

async function main(): Promise<void> {
  const ok = process.argv.includes('--find-max') ? await findMax(say) : await runOnce();
  process.exit(ok ? 0 : 1);
}

main().catch((e: Error) => {
  console.error(`load: ${e.stack ?? e.message}`);
  process.exit(1);
});
