import type { RoutingDisposition } from '@hub/domain';
import type { HubConfig } from '@hub/config';

/** The parts of the configuration the classifier needs (taxonomy, regions, units, urgency). */
export type ClassificationConfig = Pick<HubConfig, 'taxonomy' | 'regions' | 'units'> & Partial<Pick<HubConfig, 'urgency'>>;

export interface CategoryInfo {
  path: string;
  /** Unit template, `{region}` to be filled; null for direct answers. */
  unit: string | null;
  assistUnits: string[];
  directAnswer: boolean;
  needsRegion: boolean;
  autoThreshold?: number;
  /** The category's `urgentWhen` (when an item of it is urgent), if it has one. */
  urgentWhen?: string;
}

export interface Route {
  /** Lead unit, or null when answered directly or when the category needs a region and none was found. */
  department: string | null;
  assistUnits: string[];
  disposition: RoutingDisposition;
  /** The category needs a region to choose its unit and none is known. */
  needsRegion: boolean;
}

const REGION = '{region}';

/** Categories and the routing table category × region → lead unit (+ assisting units). */
export class Directory {
  readonly categories: CategoryInfo[];
  readonly regions: string[];
  readonly units: Set<string>;
  private readonly byPath = new Map<string, CategoryInfo>();

  constructor(cfg: Pick<HubConfig, 'taxonomy' | 'regions' | 'units'>) {
    this.regions = cfg.regions.regions.map((r) => r.name);
    this.units = new Set(cfg.units.units.map((u) => u.name));
    this.categories = cfg.taxonomy.categories.map((c) => {
      const unit = c.directAnswer ? null : (c.unit ?? null);
      const info: CategoryInfo = {
        path: c.path,
        unit,
        assistUnits: c.assistUnits ?? [],
        directAnswer: Boolean(c.directAnswer),
        needsRegion: Boolean(unit?.includes(REGION) || c.assistUnits?.some((a) => a.includes(REGION))),
        autoThreshold: c.autoThreshold,
        ...(c.urgentWhen ? { urgentWhen: c.urgentWhen } : {}),
      };
      this.byPath.set(c.path, info);
      return info;
    });
  }

  category(path: string): CategoryInfo | undefined {
    return this.byPath.get(path);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Lead unit and assisting units for a category in a region. */
  route(category: string, region: string | null): Route {
    const c = this.byPath.get(category);
    if (!c) return { department: null, assistUnits: [], disposition: 'dispatch', needsRegion: false };
    if (c.directAnswer || !c.unit) return { department: null, assistUnits: [], disposition: 'direct_answer', needsRegion: false };
    const fill = (u: string) => (u.includes(REGION) ? (region ? u.split(REGION).join(region) : null) : u);
    const department = fill(c.unit);
    const assistUnits = c.assistUnits.map(fill).filter((u): u is string => u !== null);
    return { department, assistUnits, disposition: 'dispatch', needsRegion: department === null };
  }

  /**
   * The category an operator's choice of unit says, for learning from it: the given category when
   * it leads to that unit, else the first of `preferred` (the model's suggestions) that does, else
   * the only category that does; null when the unit alone cannot tell which.
   */
  categoryLeadingTo(unit: string, region: string | null, given: string | null, preferred: readonly string[] = []): string | null {
    const regions = region ? [region] : [null, ...this.regions];
    const leads = (path: string) => regions.some((r) => this.route(path, r).department === unit);
    if (given && leads(given)) return given;
    const suggested = preferred.find((p) => this.has(p) && leads(p));
    if (suggested) return suggested;
    const all = this.categories.filter((c) => leads(c.path));
    return all.length === 1 ? all[0].path : null;
  }

  /**
   * A key that is equal for categories handled by the same unit in a region: the department itself,
   * the unit template when the region is unknown, or `direct_answer`.
   */
  routeKey(category: string, region: string | null): string {
    const c = this.byPath.get(category);
    if (!c || c.directAnswer || !c.unit) return 'direct_answer';
    return c.unit.includes(REGION) && region ? c.unit.split(REGION).join(region) : c.unit;
  }
}
