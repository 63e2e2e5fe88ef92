import type { JobContext, JobName, JobPayloads } from '@hub/queue';

/**
 * One job the worker handles, in its own `<job-name>.job.ts`: it reads the job's payload, calls one
 * use case and returns what it answered (BullMQ keeps it as the job's result). The job's queue,
 * options and schedule are declared in libs/queue; jobs.module.ts registers the class.
 */
export interface WorkerJob<N extends JobName = JobName> {
  readonly name: N;
  handle(payload: JobPayloads[N], ctx: JobContext): Promise<unknown>;
}
