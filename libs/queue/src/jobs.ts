/**
 * The one place for queue names, job names, payloads and job options. A job carries ids, never
 * the only copy of data: the database is the source of truth and every handler re-reads it.
 */
import type { JobsOptions } from 'bullmq';

export const QUEUE_NAMES = ['intake', 'classify', 'deadlines', 'mail', 'learning', 'webhooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Poll one mailbox once (scheduled per mailbox, and triggered by IDLE). */
  'mailbox-poll': { mailbox: string };
  /** Look in an export source's watch folder for new files. */
  'export-scan': { source: string };
  /** Import one uploaded export file (kept under HUB_DATA_DIR/uploads until imported). */
  'export-import': { uploadPath: string; source: string; originalName: string };
  /** Reconciliation: uploads still waiting (their import job was lost) are queued again. */
  'upload-sweep': Record<string, never>;
  /** Re-run a quarantined intake item after a fix. */
  'intake-reparse': { intakeItemId: number };
  /**
   * Classify new tickets and dispatch the confident ones (one id, or a batch from an import).
   * `bulk`: an export file's tickets, taken after the requests of the other channels waiting.
   */
  'ticket-classify': { ticketIds: number[]; bulk?: boolean };
  /** Write the lookup rows of tickets a bulk import made (queued after its commit). */
  'ticket-search-index': { ticketIds: number[] };
  /** Reconciliation: tickets without a lookup row (their index job was lost) are indexed. */
  'search-sweep': Record<string, never>;
  /** One pass over the deadlines that are due for a reminder. */
  'deadline-sweep': { now?: string };
  /** The daily digest per unit and for supervisors. */
  'digest-send': { day: string };
  /** Reconciliation: tickets still `received` (their classify job was lost) are queued again. */
  'triage-sweep': Record<string, never>;
  /** Reconciliation: outbox mails still pending (their send job was lost) are queued again. */
  'outbox-sweep': Record<string, never>;
  /** Keep the per-day statistics current (changed days), or rebuild them all (nightly). */
  'stats-refresh': { full?: boolean };
  /** Send one outbox mail. */
  'mail-send': { outboxId: number };
  /** Send several outbox mails (a reminder sweep's or a routed set's: one job, not one a mail). */
  'mail-send-many': { outboxIds: number[] };
  /** Alerts about mailbox health (login failures, silence). */
  'mailbox-health': Record<string, never>;
  /** Retrain the routing model from operators' decisions; replace it only if not worse. */
  'model-retrain': { reason: string };
  /** Send one outbox SMS (claimed with a lease; quiet hours and 退订 decided by the sender). */
  'send-sms': { smsId: number };
  /** Reconciliation: SMS due (lost job, quiet hours over, dead sender) are queued again. */
  'sms-sweep': Record<string, never>;
  /** Deliver one webhook delivery; `attempt` is how many tries it had (a retry is a new job). */
  'webhook-deliver': { deliveryId: number; attempt: number };
  /** Reconciliation: webhook deliveries due whose job Redis lost are queued again. */
  'webhook-sweep': Record<string, never>;
  /** Knowledge base upkeep: expire entries past their validity, tell keepers (once) of those about to expire. */
  'knowledge-sweep': Record<string, never>;
  /** Take in an upstream platform's new work orders (its code in upstreams.yaml). */
  'upstream-pull': { upstream: string };
}
export type JobName = keyof JobPayloads;

/**
 * Mails per send job: a Redis job for each of 20,000 reminders cost a sweep more than its
 * database work, and one for each dispatch notice of an export file took the workers' time from
 * routing; a few hundred jobs still spread the sending over the mail workers.
 */
export const MAILS_PER_JOB = 100;

/** The send jobs for these outbox mails, MAILS_PER_JOB to a job. */
export function mailSendJobs(outboxIds: number[]): Array<JobPayloads['mail-send-many']> {
  const jobs: Array<JobPayloads['mail-send-many']> = [];
  for (let i = 0; i < outboxIds.length; i += MAILS_PER_JOB) jobs.push({ outboxIds: outboxIds.slice(i, i + MAILS_PER_JOB) });
  return jobs;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'mailbox-poll': 'intake',
  'export-scan': 'intake',
  'export-import': 'intake',
  'upload-sweep': 'intake',
  'intake-reparse': 'intake',
  'ticket-classify': 'classify',
  'ticket-search-index': 'classify',
  'search-sweep': 'classify',
  'deadline-sweep': 'deadlines',
  'digest-send': 'deadlines',
  'mail-send': 'mail',
  'mail-send-many': 'mail',
  'triage-sweep': 'classify',
  'stats-refresh': 'learning',
  'outbox-sweep': 'mail',
  'mailbox-health': 'intake',
  'model-retrain': 'learning',
  'send-sms': 'mail',
  'sms-sweep': 'mail',
  'webhook-deliver': 'webhooks',
  'webhook-sweep': 'webhooks',
  'knowledge-sweep': 'deadlines',
  'upstream-pull': 'intake',
};
export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/**
 * Tickets per `ticket-classify` job: a few dozen, so the tickets of an export file (thousands at
 * once) are routed by every worker's classify slots side by side, the first ones while the rest
 * still wait, instead of one job going through the whole file.
 */
export const CLASSIFY_BATCH = 25;

/**
 * The classify jobs for these tickets (in their order, `CLASSIFY_BATCH` a job). `bulk` for an
 * export file's rows: a web request, a letter or a call taken while a file of thousands is being
 * routed is routed next, not after the whole file (BullMQ takes jobs without a priority first).
 */
export function classifyJobs(ticketIds: readonly number[], bulk = false): Array<JobPayloads['ticket-classify']> {
  const out: Array<JobPayloads['ticket-classify']> = [];
  for (let i = 0; i < ticketIds.length; i += CLASSIFY_BATCH) out.push({ ticketIds: ticketIds.slice(i, i + CLASSIFY_BATCH), ...(bulk ? { bulk } : {}) });
  return out;
}

/** BullMQ priority of an export file's classify jobs (jobs without one are taken before any with one). */
export const BULK_CLASSIFY_PRIORITY = 10;

/**
 * BullMQ priority of the lookup rows' jobs (an export file's, a history import's): after the
 * file's routing. Queued with the file's tickets and without a priority, they were taken before
 * its classify jobs, and the words of 1,700 tickets were written while those tickets waited to be
 * dispatched; a lookup by their words may wait the seconds the file's routing takes.
 */
export const SEARCH_INDEX_PRIORITY = 20;

/**
 * A batch's part of its job id: the id range, the count and a digest (FNV-1a) of every id. The range
 * and count alone named different batches alike (a triage sweep's re-queue beside a file's job that
 * had routed some of its tickets), and BullMQ then ignored the second add: its other tickets waited
 * for a later sweep. The same ids give the same id, so a repeated add is still a no-op.
 */
function idSet(ids: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const c of ids.join(',')) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `${ids[0]}-${ids[ids.length - 1]}-${ids.length}-${h.toString(16).padStart(8, '0')}`;
}

/** Job ids: fixed per entity so a repeated add is a no-op. No ':' (BullMQ reserves it). */
export function jobId<N extends JobName>(name: N, payload: JobPayloads[N]): string | undefined {
  const p = payload as Record<string, unknown>;
  const safe = (v: unknown) => String(v).replace(/:/g, '_');
  switch (name) {
    case 'mailbox-poll':
      return `poll-${safe(p.mailbox)}`;
    case 'upstream-pull':
      return `upstream-${safe(p.upstream)}`;
    case 'export-scan':
      return `scan-${safe(p.source)}`;
    case 'export-import':
      return `import-${safe(String(p.uploadPath).replace(/^.*[\\/]/, ''))}`;
    case 'intake-reparse':
      return `reparse-${safe(p.intakeItemId)}`;
    case 'ticket-classify': {
      const ids = p.ticketIds as number[];
      return ids.length === 1 ? `classify-${ids[0]}` : `classify-${idSet(ids)}`;
    }
    case 'ticket-search-index': {
      // A retry, or the same batch queued again, is the same job.
      return `search-${idSet(p.ticketIds as number[])}`;
    }
    case 'digest-send':
      return `digest-${safe(p.day)}`;
    case 'mail-send':
      return `mail-${safe(p.outboxId)}`;
    case 'mail-send-many': {
      // The same batch queued again is the same job.
      return `mails-${idSet(p.outboxIds as number[])}`;
    }
    case 'send-sms':
      return `sms-${safe(p.smsId)}`;
    case 'webhook-deliver':
      return `webhook-${safe(p.deliveryId)}-${safe(p.attempt)}`;
    default:
      return undefined;
  }
}

/**
 * Attempts and first back-off of the jobs that retry, for failures of their own (a bug, a mail
 * server refusing): exponential from `delayMs`, as many tries as `attempts`. A database or Redis
 * that does not answer is another matter: see retry.ts (such failures are retried every second or
 * two for about a minute, whatever these say).
 */
export function retryPolicy(name: JobName): { attempts: number; delayMs: number } {
  switch (name) {
    case 'mail-send':
    case 'mail-send-many':
    case 'send-sms':
      return { attempts: 8, delayMs: 5000 };
    case 'webhook-deliver':
      // Its own retries are new jobs delayed by the delivery's back-off; these cover a database that did not answer.
      return { attempts: 3, delayMs: 5000 };
    default:
      return { attempts: 5, delayMs: 2000 };
  }
}

/** The back-off type of retrying jobs: the worker's strategy (retry.ts) decides each delay. */
export const HUB_BACKOFF = 'hub';

/**
 * Tries a retrying job gets in all: enough for an outage of the database of about a minute at the
 * short delays of retry.ts; failures of the job's own still stop at its `retryPolicy` attempts.
 */
export const OUTAGE_ATTEMPTS = 60;

/** Attempts, back-off and retention for every job, decided here and nowhere else. */
export function jobOptions<N extends JobName>(name: N, payload: JobPayloads[N]): JobsOptions {
  const id = jobId(name, payload);
  const base: JobsOptions = {
    jobId: id,
    attempts: OUTAGE_ATTEMPTS,
    backoff: { type: HUB_BACKOFF, delay: retryPolicy(name).delayMs },
    // A finished job with a fixed id would swallow the next add of the same id (another database
    // on the same Redis, a reset database, an operator's retry): the database row is the record,
    // so entity-bound jobs leave nothing behind. Handlers are idempotent either way.
    removeOnComplete: id ? true : { age: 3600, count: 1000 },
    removeOnFail: id ? true : { age: 7 * 24 * 3600 },
  };
  switch (name) {
    case 'mailbox-poll':
    case 'upstream-pull':
    case 'export-scan':
    case 'deadline-sweep':
    case 'mailbox-health':
    case 'triage-sweep':
    case 'outbox-sweep':
    case 'upload-sweep':
    case 'stats-refresh':
    case 'sms-sweep':
    case 'webhook-sweep':
    case 'search-sweep':
      // Recurring: the next run retries; completed runs need not be kept.
      return { ...base, attempts: 1, backoff: undefined, removeOnComplete: true, removeOnFail: { count: 100 } };
    case 'ticket-classify':
      return (payload as JobPayloads['ticket-classify']).bulk ? { ...base, priority: BULK_CLASSIFY_PRIORITY } : base;
    case 'ticket-search-index':
      return { ...base, priority: SEARCH_INDEX_PRIORITY };
    default:
      return base;
  }
}

/** Recurring work, registered with upsertJobScheduler under stable ids. */
export interface ScheduledJob<N extends JobName = JobName> {
  schedulerId: string;
  name: N;
  payload: JobPayloads[N];
  everyMs: number;
}
