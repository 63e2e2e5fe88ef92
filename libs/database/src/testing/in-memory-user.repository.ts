import type { NewUser, UserChanges, UserRecord, UserRepository } from '../repositories/user.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** Accounts in memory; `units` is the directory of units accounts may work for (id → name). */
export class InMemoryUserRepository implements UserRepository, Snapshottable {
  readonly table = new InMemoryTable<UserRecord>();
  constructor(readonly units = new Map<number, string>()) {}

  private unitsFor(ids?: number[], names?: string[]): Array<{ id: number; name: string }> {
    const all = [...this.units].map(([id, name]) => ({ id, name }));
    if (ids?.length) return all.filter((u) => ids.includes(u.id));
    if (names?.length) return all.filter((u) => names.includes(u.name));
    return [];
  }

  async count(): Promise<number> {
    return this.table.all().length;
  }
  async findByUsername(username: string): Promise<UserRecord | null> {
    return this.table.where((u) => u.username === username)[0] ?? null;
  }
  async findById(id: number): Promise<UserRecord | null> {
    return this.table.get(id) ?? null;
  }
  async list(): Promise<UserRecord[]> {
    return this.table.all().sort((a, b) => a.id - b.id);
  }
  async create(n: NewUser): Promise<{ id: number; username: string }> {
    const u = this.table.insert({
      username: n.username,
      displayName: n.displayName,
      role: n.role,
      passwordHash: n.passwordHash,
      email: n.email,
      active: true,
      scopeUnitId: n.scopeUnitId ?? null,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      mustChangePassword: n.mustChangePassword ?? false,
      units: this.unitsFor(n.unitIds, n.unitNames),
      createdAt: new Date(),
    });
    return { id: u.id, username: u.username };
  }
  async update(id: number, c: UserChanges): Promise<void> {
    const { unitIds, ...rest } = c;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.table.update(id, { ...defined, ...(unitIds ? { units: this.unitsFor(unitIds).filter((u) => unitIds.includes(u.id)) } : {}) });
  }
  async recordFailedLogin(id: number, failedLogins: number, lockedUntil: Date | null): Promise<void> {
    this.table.update(id, { failedLogins, lockedUntil });
  }
  async recordLogin(id: number, at: Date): Promise<void> {
    this.table.update(id, { failedLogins: 0, lockedUntil: null, lastLoginAt: at });
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
