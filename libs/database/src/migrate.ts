import type { DataSource } from 'typeorm';

/** Applies the pending migrations, each in its own transaction; the names of those applied. */
export async function applyPendingMigrations(ds: DataSource): Promise<string[]> {
  return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
}
