import { UNITS, type UnitOfWork } from '@hub/database';

/** Where a scoped operator's intake waits: its scope's desk, and the city (cities.yaml) that desk lies in. */
export interface ScopeDesk {
  /** The scope unit when it is a desk (分中心), else its nearest desk ancestor; null when none is. */
  deskUnitId: number | null;
  /** The units from the scope up to the root, by name (the scope first). */
  chain: string[];
}

/** The scope unit and its ancestors, read up the `parent` links (a cycle or a missing unit ends the walk). */
export async function scopeDesk(uow: UnitOfWork, scopeUnitId: number): Promise<ScopeDesk> {
  const units = uow.read(UNITS);
  const seen = new Set<number>();
  const chain: string[] = [];
  let deskUnitId: number | null = null;
  for (let id: number | null = scopeUnitId; id !== null && !seen.has(id);) {
    seen.add(id);
    const unit = await units.findById(id);
    if (!unit) break;
    chain.push(unit.name);
    if (deskUnitId === null && unit.desk) deskUnitId = unit.id;
    id = unit.parentId ?? null;
  }
  return { deskUnitId, chain };
}
