import type { AuthSessionRepository, NewAuthSession } from '../repositories/auth-session.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryAuthSessionRepository implements AuthSessionRepository, Snapshottable {
  readonly table = new InMemoryTable<NewAuthSession & { id: number }>();

  async create(s: NewAuthSession): Promise<void> {
    this.table.insert(s);
  }
  async findByTokenHash(tokenHash: string): Promise<{ userId: number; expiresAt: Date } | null> {
    return this.table.where((s) => s.tokenHash === tokenHash)[0] ?? null;
  }
  async deleteByTokenHash(tokenHash: string): Promise<void> {
    for (const s of this.table.where((x) => x.tokenHash === tokenHash)) this.table.delete(s.id);
  }
  async deleteExpired(now: Date): Promise<void> {
    for (const s of this.table.where((x) => x.expiresAt < now)) this.table.delete(s.id);
  }
  async deleteForUser(userId: number, exceptTokenHash?: string): Promise<void> {
    for (const s of this.table.where((x) => x.userId === userId && x.tokenHash !== exceptTokenHash)) this.table.delete(s.id);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
