import { clusterContaining, detectClusters } from './clusters';
import type { MatterItem } from './repeats';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const TEXTS = [
  '小区从早上开始停水到现在还没来水',
  '楼下垃圾好几天没人清运',
  '路灯坏了晚上很黑',
  '停水一整天了没有人管',
  '垃圾桶满了臭气熏天',
  '施工噪音半夜还在响',
];
const CATEGORIES = ['供水/停水', '城管/垃圾', '市政/路灯', null];
const PLACES = ['西山花园', '东湖小区', null];

/** Random items of a few places, matters and callers over four days (some callers repeat, some anonymous). */
function items(seed: number, n: number): MatterItem[] {
  const r = rng(seed);
  const t0 = Date.UTC(2026, 5, 1);
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    text: `${TEXTS[Math.floor(r() * TEXTS.length)]}${r() < 0.3 ? '，请尽快处理' : ''}`,
    requester: r() < 0.2 ? null : { phone: `1390000${String(Math.floor(r() * 30)).padStart(4, '0')}` },
    place: PLACES[Math.floor(r() * PLACES.length)],
    region: r() < 0.9 ? '西区' : null,
    category: CATEGORIES[Math.floor(r() * CATEGORIES.length)],
    at: new Date(t0 + Math.floor(r() * 96) * 3600_000),
  }));
}

describe('clusterContaining', () => {
  it('finds for each item the cluster detectClusters puts it in, and null for items in none', () => {
    let inClusters = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const all = items(seed, 60);
      const opts = { windowHours: 24, minRequesters: 3 };
      const clusters = detectClusters(all, opts);
      for (const it of all) {
        const expected = clusters.find((c) => c.itemIds.includes(it.id)) ?? null;
        if (expected) inClusters++;
        expect(clusterContaining(all, it.id, opts)).toEqual(expected);
      }
    }
    // The comparison covered both outcomes.
    expect(inClusters).toBeGreaterThan(100);
    expect(inClusters).toBeLessThan(30 * 60);
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
