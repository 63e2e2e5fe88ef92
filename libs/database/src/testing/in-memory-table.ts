/**
 * Rows kept in a Map, for in-memory repositories in specs. `snapshot`/`restore` let the
 * in-memory unit of work roll back a failed unit as a database would.
 */
export class InMemoryTable<T extends { id: number }> {
  private rows = new Map<number, T>();
  private nextId = 1;

  insert(row: Omit<T, 'id'> & { id?: number }): T {
    const id = row.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const stored = { ...row, id } as T;
    this.rows.set(id, stored);
    return { ...stored };
  }
  get(id: number): T | undefined {
    const row = this.rows.get(id);
    return row ? { ...row } : undefined;
  }
  update(id: number, patch: Partial<T>): void {
    const row = this.rows.get(id);
    if (row) this.rows.set(id, { ...row, ...patch, id });
  }
  delete(id: number): void {
    this.rows.delete(id);
  }
  all(): T[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
  where(pred: (row: T) => boolean): T[] {
    return this.all().filter(pred);
  }
  snapshot(): () => void {
    const rows = new Map([...this.rows].map(([k, v]) => [k, structuredClone(v)]));
    const nextId = this.nextId;
    return () => {
      this.rows = rows;
      this.nextId = nextId;
    };
  }
}

/** An in-memory repository the in-memory unit of work can roll back. */
export interface Snapshottable {
  snapshot(): () => void;
}
