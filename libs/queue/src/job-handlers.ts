import { Injectable } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs';
import { JOB_NAMES } from './jobs';

/** What a handler learns about the job it runs besides its payload. */
export interface JobContext {
  attempt: number;
  jobId?: string;
  /** Records progress; never throws (a refused report is logged), so handlers need not await it. */
  progress: (p: number | object) => Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<unknown>;

/**
 * Handlers register here at start-up; the worker refuses to start when a job name has no
 * handler or two (a job nobody handles would wait forever), or a handler for a job that is not
 * declared in jobs.ts (nothing would ever queue it).
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (!JOB_NAMES.includes(name)) throw new Error(`job ${String(name)} is not declared in libs/queue/src/jobs.ts; declare it there first`);
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers; each job name must have exactly one`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }

  /** The job names that have a handler. */
  names(): JobName[] {
    return [...this.handlers.keys()];
  }

  missing(): JobName[] {
    return JOB_NAMES.filter((n) => !this.handlers.has(n));
  }

  assertComplete(): void {
    const missing = this.missing();
    if (missing.length) throw new Error(`no handler for job${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
}
