/**
 * Scoped desks and supervisors (issue #21). An operator's or supervisor's scope is a unit's
 * sub-tree (the unit itself included), e.g. a district government for its sub-centre (分中心).
 * A ticket is in it when the desk whose triage holds it is in the sub-tree, or it has an
 * assignment to a unit of the sub-tree, or, not yet dispatched, its region is one the sub-tree
 * serves. Null scope: the whole installation.
 */
export interface TicketScope {
  /** The unit the scope is rooted at. */
  rootUnitId: number;
  /** The sub-tree's units, the root first. */
  unitIds: number[];
  /** The regions the sub-tree's units serve (`region` and `regions` of units.yaml). */
  regions: string[];
}

/** What the scope reads of a unit. */
export interface ScopeUnit {
  id: number;
  parentId: number | null;
  region: string | null;
  regions?: string[] | null;
}

/** The scope rooted at a unit: its sub-tree (breadth first, cycles ignored) and the regions that sub-tree serves. */
export function ticketScopeOf(units: readonly ScopeUnit[], rootUnitId: number): TicketScope {
  const children = new Map<number, ScopeUnit[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  const unitIds: number[] = [];
  const regions = new Set<string>();
  const queue = byId.has(rootUnitId) ? [rootUnitId] : [];
  const seen = new Set<number>(queue);
  while (queue.length) {
    const id = queue.shift() as number;
    unitIds.push(id);
    const u = byId.get(id) as ScopeUnit;
    if (u.region) regions.add(u.region);
    for (const r of u.regions ?? []) regions.add(r);
    for (const c of children.get(id) ?? []) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        queue.push(c.id);
      }
    }
  }
  // An unknown root still scopes to itself: it then sees nothing rather than everything.
  return { rootUnitId, unitIds: unitIds.length ? unitIds : [rootUnitId], regions: [...regions].sort() };
}

/** What the predicate reads of a ticket (a pure restatement of the SQL one, for tests and in-memory checks). */
export interface ScopedTicket {
  deskUnitId: number | null;
  region: string | null;
  /** Units it was ever assigned to (any assignment, sub-dispatch included). */
  assignedUnitIds: readonly number[];
  /** Dispatched at least once (dispatchedAt set). */
  dispatched: boolean;
}

/** Whether a ticket is in the scope (null: the whole installation). */
export function ticketInScope(scope: TicketScope | null, t: ScopedTicket): boolean {
  if (scope === null) return true;
  const units = new Set(scope.unitIds);
  if (t.deskUnitId !== null && units.has(t.deskUnitId)) return true;
  if (t.assignedUnitIds.some((id) => units.has(id))) return true;
  return !t.dispatched && t.region !== null && scope.regions.includes(t.region);
}
