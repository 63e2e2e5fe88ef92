import type { LoginThrottle, LoginThrottleRepository } from '../repositories/login-throttle.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryLoginThrottleRepository implements LoginThrottleRepository, Snapshottable {
  readonly table = new InMemoryTable<LoginThrottle & { id: number }>();

  async find(keys: string[]): Promise<LoginThrottle[]> {
    return this.table.where((t) => keys.includes(t.throttleKey));
  }
  async recordFailure(key: string, now: Date, forgetBefore: Date): Promise<number> {
    const row =
      this.table.where((t) => t.throttleKey === key)[0] ?? this.table.insert({ throttleKey: key, failures: 0, lastFailureAt: now, blockedUntil: null });
    const failures = row.lastFailureAt < forgetBefore ? 1 : row.failures + 1;
    this.table.update(row.id, { failures, lastFailureAt: now, ...(row.lastFailureAt < forgetBefore ? { blockedUntil: null } : {}) });
    return failures;
  }
  async block(key: string, until: Date | null): Promise<void> {
    for (const t of this.table.where((x) => x.throttleKey === key)) this.table.update(t.id, { blockedUntil: until });
  }
  async clear(keys: string[], prefixes: string[] = []): Promise<number> {
    const gone = this.table.where((t) => keys.includes(t.throttleKey) || prefixes.some((p) => t.throttleKey.startsWith(p)));
    for (const t of gone) this.table.delete(t.id);
    return gone.length;
  }
  async blocked(now: Date, take: number): Promise<LoginThrottle[]> {
    return this.table
      .where((t) => t.blockedUntil !== null && t.blockedUntil > now)
      .sort((a, b) => b.blockedUntil!.getTime() - a.blockedUntil!.getTime())
      .slice(0, take);
  }
  async purge(forgetBefore: Date, now: Date): Promise<void> {
    for (const t of this.table.where((x) => x.lastFailureAt < forgetBefore && (!x.blockedUntil || x.blockedUntil < now))) this.table.delete(t.id);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
