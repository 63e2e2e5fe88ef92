import type { JobName, JobPayloads } from '@hub/queue';
import type { OutgoingMail } from '../repositories/outbox.repository';
import type { RepositoryToken } from './repository-token';

/** One job to add once the transaction has committed. */
export interface AfterCommitJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
}

/**
 * What a use case sees inside one unit of work: repositories bound to the transaction, the
 * outbox, and jobs that are queued only after the commit (never for a rolled-back change). A
 * job that cannot be queued (Redis away) is not an error: its database row stays, and the
 * reconciliation sweeps (triage, outbox, uploads) queue it again.
 */
export interface Transaction {
  get<R>(token: RepositoryToken<R>): R;
  /** Queue a job after commit. */
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): void;
  /**
   * Write a mail to the outbox in this transaction and send it after commit. Returns false when
   * a mail with the same dedupe key is already there (a retried handler sends nothing twice).
   */
  mail(mail: OutgoingMail): Promise<boolean>;
  /** Anything else that must follow the commit and only the commit. */
  afterCommit(fn: () => unknown): void;
}

export interface RunOptions {
  /**
   * READ COMMITTED where the database has it (MySQL/MariaDB; SQLite ignores it): a batch that
   * locks rows with SKIP LOCKED takes no gap locks, so concurrent batches do not deadlock.
   */
  isolation?: 'READ COMMITTED';
}

/**
 * Owns "transaction + events + outbox rows + jobs after commit", so that no use case writes that
 * sequence by hand. `run` retries nothing: a conflict is the use case's to report.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>, options?: RunOptions): Promise<T>;
  /** A repository for reads (and single-statement writes) outside a transaction. */
  abstract read<R>(token: RepositoryToken<R>): R;
}
