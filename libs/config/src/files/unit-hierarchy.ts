import { UNIT_TIERS } from '@hub/domain';

/** What the hierarchy check reads of a unit in units.yaml. */
export interface HierarchyUnit {
  name: string;
  parent?: string;
  tier?: string;
  desk?: boolean;
}

/**
 * The problems of units.yaml's hierarchy, each naming the setting and the unit: a parent that is
 * not a unit of the file, a unit that is its own parent, and a cycle (A under B under A), which
 * would make a ticket's chain endless; and, where both have a tier, a unit not below its parent
 * (a street office under a community).
 */
export function unitHierarchyProblems(units: readonly HierarchyUnit[]): string[] {
  const problems: string[] = [];
  const byName = new Map(units.map((u) => [u.name, u]));
  for (const u of units) {
    if (u.parent === undefined) continue;
    if (u.parent === u.name) problems.push(`units.yaml: unit ${u.name}: parent names the unit itself`);
    else if (!byName.has(u.parent)) problems.push(`units.yaml: unit ${u.name}: parent ${u.parent} is not a unit listed in units.yaml`);
    const above = byName.get(u.parent)?.tier;
    const rank = (t: string | undefined) => (UNIT_TIERS as readonly string[]).indexOf(t ?? '');
    if (u.tier && above && rank(u.tier) >= 0 && rank(above) >= 0 && rank(u.tier) < rank(above)) {
      problems.push(`units.yaml: unit ${u.name}: tier ${u.tier} is above its parent ${u.parent}'s tier ${above}`);
    }
  }
  const reported = new Set<string>();
  for (const u of units) {
    const seen: string[] = [];
    let cur: HierarchyUnit | undefined = u;
    while (cur?.parent !== undefined && cur.parent !== cur.name) {
      seen.push(cur.name);
      cur = byName.get(cur.parent);
      if (cur && seen.includes(cur.name)) {
        const cycle = seen.slice(seen.indexOf(cur.name));
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push(`units.yaml: unit ${cur.name}: parent forms a cycle (${[...cycle, cur.name].join(' → ')})`);
        }
        break;
      }
    }
  }
  return problems;
}

/** The names of a unit's ancestors, nearest first (the hierarchy must have been checked). */
export function ancestorsOf(units: readonly HierarchyUnit[], name: string): string[] {
  const byName = new Map(units.map((u) => [u.name, u]));
  const out: string[] = [];
  for (let cur = byName.get(name); cur?.parent !== undefined && !out.includes(cur.parent); cur = byName.get(cur.parent)) out.push(cur.parent);
  return out;
}
