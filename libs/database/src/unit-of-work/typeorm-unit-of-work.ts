import { DataSource, EntityManager } from 'typeorm';
import type { JobProducer } from '@hub/queue';
import { isMysqlFamily } from '../insert-rows';
import { OUTBOX } from '../repositories/outbox.repository';
import { AfterCommit, ENQUEUE_RETRY_FOR_MS } from './after-commit';
import type { RepositoryToken } from './repository-token';
import { RunOptions, Transaction, UnitOfWork } from './unit-of-work';

class TypeOrmTransaction implements Transaction {
  private readonly repos = new Map<string, unknown>();
  constructor(
    private readonly m: EntityManager,
    readonly after: AfterCommit,
  ) {}

  get<R>(token: RepositoryToken<R>): R {
    let repo = this.repos.get(token.name) as R | undefined;
    if (!repo) this.repos.set(token.name, (repo = token.typeorm(this.m)));
    return repo;
  }
  enqueue: Transaction['enqueue'] = (name, payload) => this.after.enqueue(name, payload);
  afterCommit(fn: () => unknown): void {
    this.after.add(fn);
  }
  async mail(mail: Parameters<Transaction['mail']>[0]): Promise<boolean> {
    const id = await this.get(OUTBOX).add(mail);
    if (id == null) return false;
    this.after.enqueue('mail-send', { outboxId: id });
    return true;
  }
}

/** The real unit of work: one database transaction, then the jobs it collected. */
export class TypeOrmUnitOfWork extends UnitOfWork {
  constructor(
    private readonly ds: DataSource,
    private readonly producer: JobProducer,
    private readonly log: (msg: string) => void = (msg) => console.warn(msg),
    /** How long a failed add after commit is tried again in the background (0: left to the sweeps at once). */
    private readonly enqueueRetryMs = ENQUEUE_RETRY_FOR_MS,
  ) {
    super();
  }

  async run<T>(work: (tx: Transaction) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const after = new AfterCommit();
    const unit = (m: EntityManager) => work(new TypeOrmTransaction(m, after));
    const result = options.isolation && isMysqlFamily(this.ds.manager) ? await this.ds.transaction(options.isolation, unit) : await this.ds.transaction(unit);
    await after.flush(this.producer, (job, e) => this.log(`${job} not queued (${(e as Error).message}); the reconciliation sweep will queue it`), {
      retryForMs: this.enqueueRetryMs,
      onRetrying: (job, e) => this.log(`${job} not queued yet (${(e as Error).message}); trying again for ${this.enqueueRetryMs / 1000} s`),
    });
    return result;
  }

  read<R>(token: RepositoryToken<R>): R {
    return token.typeorm(this.ds.manager);
  }
}
