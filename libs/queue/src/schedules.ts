/**
 * How often each recurring job runs and how many jobs of each queue one worker runs at once:
 * decided here, beside the queue and job definitions, and nowhere else. The worker syncs these
 * schedules with Redis at start and puts back any that Redis lost.
 */
import type { HubConfig } from '@hub/config';
import type { QueueName, ScheduledJob } from './jobs';

/** Jobs of each queue one worker process runs at once. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = { intake: 2, classify: 4, deadlines: 2, mail: 4, learning: 1, webhooks: 8 };

/**
 * How long a worker's hold on a running job lasts without renewal (renewed at half of it while
 * the job runs), and how often each worker looks for jobs whose holder is gone (a worker killed,
 * a host lost): such a job runs again within about their sum, not BullMQ's default of up to a
 * minute. A hold must outlast the longest stall of a busy worker's event loop.
 */
export const JOB_LOCK_MS = 15_000;
export const STALLED_CHECK_MS = 5_000;

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

/** Intervals of the recurring jobs (ms). */
export const SCHEDULE_EVERY_MS = {
  /**
   * The deadline sweep. The schedule lives in the database (an indexed next-due time per deadline),
   * so an idle pass is one index range read; sweeping this often bounds the lag from a reminder's
   * time to its mail by about this interval.
   */
  deadlineSweep: 3_000,
  /** The silence check of the mailboxes (alerts for mailboxes quiet longer than silentAlertHours). */
  mailboxHealth: 15 * MINUTE,
  /** A watched export folder is looked at this often. */
  exportScan: 30 * 1000,
  /** Reconciliation passes: work whose job Redis lost is queued again. */
  uploadSweep: MINUTE,
  /** Often: a ticket whose classify job was lost (a Redis failover) is routed again soon after the sweep finds it stale (30 s). */
  triageSweep: 10_000,
  outboxSweep: MINUTE,
  smsSweep: MINUTE,
  webhookSweep: 30 * 1000,
  searchSweep: MINUTE,
  /** The per-day statistics: changed days often, everything nightly. */
  statsRefresh: MINUTE,
  statsRebuild: DAY,
  /** Knowledge base expiry notices and expiries (each notice is sent once, so a pass more does no harm). */
  knowledgeSweep: 60 * MINUTE,
  modelRetrain: DAY,
} as const;

/** An upload still waiting this long after it was saved lost its import job (Redis flushed or down): the upload sweep queues it again. */
export const UPLOAD_SWEEP_AFTER_MS = MINUTE;

/** Prefix of the scheduler ids the worker owns (others are left alone when it removes stale ones). */
export const SCHEDULER_ID_PREFIX = 'sched-';

const safe = (s: string) => s.replace(/:/g, '_');

/**
 * Every recurring job of a hub with this configuration, under stable scheduler ids: one poll per
 * configured mailbox (its own interval) and the mailbox health pass when there are mailboxes, one
 * scan per export source with a watch folder, and the fixed passes.
 */
export function recurringJobs(config: Pick<HubConfig, 'mailboxes' | 'sources' | 'upstreams'>): ScheduledJob[] {
  const every = SCHEDULE_EVERY_MS;
  const mailboxes = config.mailboxes.mailboxes;
  return [
    { schedulerId: 'sched-deadline-sweep', name: 'deadline-sweep', payload: {}, everyMs: every.deadlineSweep },
    ...mailboxes.map((mb): ScheduledJob => ({
      schedulerId: `sched-poll-${safe(mb.name)}`,
      name: 'mailbox-poll',
      payload: { mailbox: mb.name },
      everyMs: mb.pollIntervalSeconds * 1000,
    })),
    ...(mailboxes.length ? [{ schedulerId: 'sched-mailbox-health', name: 'mailbox-health', payload: {}, everyMs: every.mailboxHealth } as ScheduledJob] : []),
    { schedulerId: 'sched-upload-sweep', name: 'upload-sweep', payload: {}, everyMs: every.uploadSweep },
    ...config.sources.sources
      .filter((s) => s.watch)
      .map((s): ScheduledJob => ({ schedulerId: `sched-scan-${s.name}`, name: 'export-scan', payload: { source: s.name }, everyMs: every.exportScan })),
    { schedulerId: 'sched-search-sweep', name: 'search-sweep', payload: {}, everyMs: every.searchSweep },
    { schedulerId: 'sched-triage-sweep', name: 'triage-sweep', payload: {}, everyMs: every.triageSweep },
    { schedulerId: 'sched-model-retrain', name: 'model-retrain', payload: { reason: 'scheduled' }, everyMs: every.modelRetrain },
    { schedulerId: 'sched-outbox-sweep', name: 'outbox-sweep', payload: {}, everyMs: every.outboxSweep },
    { schedulerId: 'sched-sms-sweep', name: 'sms-sweep', payload: {}, everyMs: every.smsSweep },
    { schedulerId: 'sched-webhook-sweep', name: 'webhook-sweep', payload: {}, everyMs: every.webhookSweep },
    { schedulerId: 'sched-stats-refresh', name: 'stats-refresh', payload: {}, everyMs: every.statsRefresh },
    { schedulerId: 'sched-stats-rebuild', name: 'stats-refresh', payload: { full: true }, everyMs: every.statsRebuild },
    { schedulerId: 'sched-knowledge-sweep', name: 'knowledge-sweep', payload: {}, everyMs: every.knowledgeSweep },
    ...config.upstreams.upstreams.map((u): ScheduledJob => ({
      schedulerId: `sched-upstream-${u.code}`,
      name: 'upstream-pull',
      payload: { upstream: u.code },
      everyMs: u.every * 1000,
    })),
  ];
}
