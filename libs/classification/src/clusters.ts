import { bigramCosine, matterBigrams, type MatterItem, requesterKeys } from './repeats';

export interface ClusterOptions {
  windowHours: number;
  minRequesters: number;
  /** Text similarity that makes two items the same matter when no category is known (default 0.35). */
  threshold?: number;
}

export interface Cluster {
  /** Stable key: category and place (or the first item when unknown). */
  key: string;
  itemIds: Array<string | number>;
  requesters: number;
  category: string | null;
  region: string | null;
  place: string | null;
  firstAt: string;
  lastAt: string;
}

/**
 * 集体/热点: many different requesters on the same place and matter within the window. Items link
 * when they are within the window of each other, share the place and either the category or
 * similar text; a connected group with at least `minRequesters` distinct requesters is a cluster.
 */
export function detectClusters(items: readonly MatterItem[], opts: ClusterOptions): Cluster[] {
  const g = new MatterGraph(items, opts);
  const parent = g.sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < g.sorted.length; i++) {
    for (let j = i + 1; j < g.sorted.length && g.at[j] - g.at[i] <= g.window; j++) if (g.linked(i, j)) parent[find(j)] = find(i);
  }
  const groups = new Map<number, number[]>();
  g.sorted.forEach((_, i) => {
    const root = find(i);
    const members = groups.get(root);
    if (members) members.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].map((members) => g.cluster(members)).filter((c): c is Cluster => c !== null);
}

/**
 * The cluster `id` belongs to among `items`, or null: what `detectClusters` finds for it, reached
 * from that one item (its connected group only) instead of grouping all of them. The router asks
 * this for every new ticket against the last 72 hours of its category and region.
 */
export function clusterContaining(items: readonly MatterItem[], id: string | number, opts: ClusterOptions): Cluster | null {
  const g = new MatterGraph(items, opts);
  const start = g.sorted.findIndex((it) => it.id === id);
  if (start < 0) return null;
  const seen = new Set<number>([start]);
  const todo = [start];
  while (todo.length) {
    const i = todo.pop() as number;
    for (const dir of [-1, 1]) {
      for (let j = i + dir; j >= 0 && j < g.sorted.length && Math.abs(g.at[j] - g.at[i]) <= g.window; j += dir) {
        if (seen.has(j) || !g.linked(i, j)) continue;
        seen.add(j);
        todo.push(j);
      }
    }
  }
  return g.cluster([...seen].sort((a, b) => a - b));
}

/** Items with a place or region in time order, each text's bigrams computed once. */
class MatterGraph {
  readonly sorted: MatterItem[];
  readonly at: number[];
  readonly window: number;
  private readonly threshold: number;
  private readonly bigrams: Array<Set<string> | undefined> = [];

  constructor(
    items: readonly MatterItem[],
    private readonly opts: ClusterOptions,
  ) {
    this.threshold = opts.threshold ?? 0.35;
    this.window = opts.windowHours * 3600000;
    this.sorted = [...items].filter((i) => i.place || i.region).sort((a, b) => time(a.at) - time(b.at));
    this.at = this.sorted.map((it) => time(it.at));
  }

  /** The same place and the same matter (the category and some likeness, or without categories, like texts). */
  linked(i: number, j: number): boolean {
    const a = this.sorted[i];
    const b = this.sorted[j];
    const samePlace = a.place && b.place ? a.place === b.place : !a.place && !b.place && a.region === b.region;
    if (!samePlace) return false;
    if (a.category && b.category) return a.category === b.category && this.similarity(i, j) >= this.threshold / 3;
    return this.similarity(i, j) >= this.threshold;
  }

  /** The group as a cluster when enough distinct people are in it (identity groups; anonymous items count each). */
  cluster(members: number[]): Cluster | null {
    const group = members.map((i) => this.sorted[i]);
    const anonymous = group.filter((it) => !requesterKeys(it.requester).length).length;
    const distinct = countPeople(group) + anonymous;
    if (distinct < this.opts.minRequesters) return null;
    const first = group[0];
    const category = group.find((g) => g.category)?.category ?? null;
    const place = first.place ?? null;
    return {
      key: `${category ?? 'matter'}@${place ?? first.region}`,
      itemIds: group.map((g) => g.id),
      requesters: distinct,
      category,
      region: first.region ?? null,
      place,
      firstAt: new Date(time(first.at)).toISOString(),
      lastAt: new Date(time(group[group.length - 1].at)).toISOString(),
    };
  }

  private similarity(i: number, j: number): number {
    return bigramCosine(this.bigramsOf(i), this.bigramsOf(j));
  }

  private bigramsOf(i: number): Set<string> {
    return (this.bigrams[i] ??= matterBigrams(this.sorted[i].text));
  }
}

function time(t: Date | string): number {
  return t instanceof Date ? t.getTime() : Date.parse(t);
}

function countPeople(group: readonly MatterItem[]): number {
  const owner = new Map<string, number>();
  const parent: number[] = [];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  group.forEach((it, i) => {
    parent.push(i);
    for (const k of requesterKeys(it.requester)) {
      const o = owner.get(k);
      if (o === undefined) owner.set(k, i);
      else parent[find(i)] = find(o);
    }
  });
  const roots = new Set<number>();
  group.forEach((it, i) => {
    if (requesterKeys(it.requester).length) roots.add(find(i));
  });
  return roots.size;
}
