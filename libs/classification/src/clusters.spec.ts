import { clusterContaining, detectClusters } from './clusters';
import type { MatterItem } from './repeats';

function rng(seed: number) {
  let s = Math.imul(seed, 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const WORDS = ['停水', '停电', '噪音', '停水了'];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function items(seed: number): MatterItem[] {
  const r = rng(seed);
  const n = Math.floor(r() * 80);
  const t0 = Date.UTC(2026, 0, 1);
  const stringIds = r() < 0.5;
  const asStrings = r() < 0.3;
  return Array.from({ length: n }, (_, i) => {
    const at = t0 + Math.floor(r() * 20) * 3 * 3600_000; // many equal times
    return {
      id: stringIds ? `t${i}` : i + 1,
      text: `${pick(r, WORDS)}一整天${r() < 0.5 ? pick(r, WORDS) : ''}`,
      requester:
        r() < 0.15
          ? null
          : { phone: r() < 0.8 ? `1380000${String(Math.floor(r() * 12)).padStart(4, '0')}` : null, email: r() < 0.3 ? `p${Math.floor(r() * 8)}@x.cn` : null },
      place: r() < 0.2 ? null : pick(r, ['甲小区', '乙路', '丙街']),
      region: r() < 0.2 ? null : pick(r, ['东区', '西区']),
      category: r() < 0.3 ? null : pick(r, ['供水', '环卫']),
      at: asStrings ? new Date(at).toISOString() : new Date(at),
    };
  });
}

/** clusterContaining must give what detectClusters puts the item in: compared on generated items and options. */
describe('clusterContaining', () => {
  it('equals the detectClusters cluster of every item over 400 random inputs and option sets', () => {
    let found = 0;
    let none = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const all = items(seed);
      const r = rng(seed * 7919);
      const opts = {
        windowHours: pick(r, [0, 1, 6, 24, 72]),
        minRequesters: pick(r, [1, 2, 3, 5]),
        ...(r() < 0.3 ? { threshold: pick(r, [0, 0.2, 0.9]) } : {}),
      };
      const clusters = detectClusters(all, opts);
      for (const it of all) {
        const expected = clusters.find((c) => c.itemIds.includes(it.id)) ?? null;
        if (expected) found++;
        else none++;
        expect(clusterContaining(all, it.id, opts)).toEqual(expected);
      }
      expect(clusterContaining(all, 'absent', opts)).toBeNull();
    }
    expect(found).toBeGreaterThan(500);
    expect(none).toBeGreaterThan(500);
  });

  it('finds nothing in an empty list and a one-item cluster only when one requester suffices', () => {
    expect(clusterContaining([], 1, { windowHours: 72, minRequesters: 1 })).toBeNull();
    const one = [{ id: 1, text: '停水', place: '甲小区', at: new Date(0) }];
    expect(clusterContaining(one, 1, { windowHours: 72, minRequesters: 1 })).toMatchObject({ itemIds: [1], requesters: 1 });
    expect(clusterContaining(one, 1, { windowHours: 72, minRequesters: 2 })).toBeNull();
  });

  it('links items through a chain: three callers an hour apart over 40 hours are one cluster in a 24-hour window', () => {
    const t0 = Date.UTC(2026, 5, 1);
    const chain = [0, 20, 40].map((h, i) => ({
      id: `k${i}`,
      text: '西山花园停水一整天了',
      requester: { phone: `1380000000${i}` },
      place: '西山花园',
      region: '西区',
      category: '供水/停水',
      at: new Date(t0 + h * 3600_000),
    }));
    expect(clusterContaining(chain, 'k0', { windowHours: 24, minRequesters: 3 })).toMatchObject({ itemIds: ['k0', 'k1', 'k2'], requesters: 3 });
    expect(clusterContaining(chain, 'k0', { windowHours: 12, minRequesters: 3 })).toBeNull();
  });
});
