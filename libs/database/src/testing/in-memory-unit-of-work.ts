import { RecordingJobProducer } from '@hub/queue';
import { OUTBOX } from '../repositories/outbox.repository';
import { TICKET_EVENTS } from '../repositories/ticket-event.repository';
import { AfterCommit } from '../unit-of-work/after-commit';
import type { RepositoryToken } from '../unit-of-work/repository-token';
import { Transaction, UnitOfWork } from '../unit-of-work/unit-of-work';
import { InMemoryOutboxRepository, InMemoryTicketEventRepository } from './in-memory-repositories';
import type { Snapshottable } from './in-memory-table';

/**
 * The unit of work for use-case specs: repositories are in-memory, a failed unit is rolled back
 * (every registered repository that can snapshot is restored), and jobs land in `jobs` only
 * after a successful unit, as with the real one.
 */
export class InMemoryUnitOfWork extends UnitOfWork {
  readonly jobs = new RecordingJobProducer();
  private readonly repos = new Map<string, unknown>();

  constructor(repos: Array<[RepositoryToken<unknown>, unknown]> = []) {
    super();
    this.provide(OUTBOX, new InMemoryOutboxRepository());
    this.provide(TICKET_EVENTS, new InMemoryTicketEventRepository());
    for (const [token, repo] of repos) this.provide(token, repo);
  }

  provide<R>(token: RepositoryToken<R>, repo: R): this {
    this.repos.set(token.name, repo);
    return this;
  }

  read<R>(token: RepositoryToken<R>): R {
    const repo = this.repos.get(token.name);
    if (!repo) throw new Error(`no in-memory repository provided for ${token.name}`);
    return repo as R;
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const after = new AfterCommit();
    const restores = [...this.repos.values()]
      .filter((r): r is Snapshottable => typeof (r as Partial<Snapshottable>).snapshot === 'function')
      .map((r) => r.snapshot());
    const tx: Transaction = {
      get: (token) => this.read(token),
      enqueue: (name, payload) => after.enqueue(name, payload),
      afterCommit: (fn) => after.add(fn),
      mail: async (mail) => {
        const id = await this.read(OUTBOX).add(mail);
        if (id != null) after.enqueue('mail-send', { outboxId: id });
        return id != null;
      },
    };
    try {
      const result = await work(tx);
      await after.flush(this.jobs, () => undefined);
      return result;
    } catch (e) {
      for (const restore of restores) restore();
      throw e;
    }
  }
}
