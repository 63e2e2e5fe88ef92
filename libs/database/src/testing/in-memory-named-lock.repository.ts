import type { NamedLockLease, NamedLockRepository } from '../repositories/named-lock.repository';

/** Named locks held in this process (as GET_LOCK would hold them on the server). */
export class InMemoryNamedLockRepository implements NamedLockRepository {
  readonly held = new Set<string>();

  available(): boolean {
    return true;
  }

  async tryAcquire(name: string): Promise<NamedLockLease | null> {
    if (this.held.has(name)) return null;
    this.held.add(name);
    return { release: async () => void this.held.delete(name) };
  }
}
