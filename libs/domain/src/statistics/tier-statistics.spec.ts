import { tierStatistics, type TierCounts } from './tier-statistics';

const c = (assigned: number, replied: number, repliedOnTime: number, overdueOpen: number, returned = 0): TierCounts => ({
  assigned,
  replied,
  repliedOnTime,
  repliedLate: replied - repliedOnTime,
  overdueOpen,
  returned,
});

// 市住建局 (city); 东湖区政府 (district) → 桃园街道 (street) → 桃园社区 (community); 湖滨街道 (street) under 东湖区.
const units = [
  { id: 1, name: '市住房和城乡建设局', parentId: null, tier: 'city' },
  { id: 2, name: '东湖区人民政府', parentId: null, tier: 'district' },
  { id: 3, name: '桃园街道办事处', parentId: 2, tier: 'street' },
  { id: 4, name: '桃园社区居委会', parentId: 3, tier: 'community' },
  { id: 5, name: '湖滨街道办事处', parentId: 2, tier: 'street' },
  { id: 6, name: '无件单位', parentId: null, tier: null },
];

describe('statistics by tier', () => {
  it('measures each level on its own deadlines and rolls the sub-tree up, as counted by hand', () => {
    // The district got 10 from the city: 8 answered (6 in time), 1 overdue. It handed 6 to 桃园 (5 answered, 4 in time)
    // and 3 to 湖滨 (3 answered in time); 桃园 handed 2 to its community (1 answered late, 1 overdue, 0 in time).
    const counts = new Map([
      [1, c(4, 4, 3, 0)],
      [2, c(10, 8, 6, 1)],
      [3, c(6, 5, 4, 0, 1)],
      [4, c(2, 1, 0, 1)],
      [5, c(3, 3, 3, 0)],
    ]);
    const { tiers, units: rows } = tierStatistics(units, counts);
    expect(tiers.map((t) => [t.tier, t.label, t.assigned, t.replied, t.repliedOnTime, t.overdueOpen, t.onTimeRate])).toEqual([
      ['city', '市级', 4, 4, 3, 0, 3 / 4],
      ['district', '区县级', 10, 8, 6, 1, 6 / 9],
      // Streets: 6 + 3 assigned, 5 + 3 answered, 4 + 3 in time, none overdue: 7 of 8.
      ['street', '街道/乡镇', 9, 8, 7, 0, 7 / 8],
      ['community', '社区/村', 2, 1, 0, 1, 0],
    ]);
    const taoyuan = rows.find((r) => r.unitId === 3)!;
    expect(taoyuan.own).toMatchObject({ assigned: 6, replied: 5, repliedOnTime: 4, repliedLate: 1, returned: 1, onTimeRate: 4 / 5 });
    // 桃园 and its community: 8 assigned, 6 answered, 4 in time, 1 overdue → 4 / 7.
    expect(taoyuan.subtree).toMatchObject({ assigned: 8, replied: 6, repliedOnTime: 4, overdueOpen: 1, onTimeRate: 4 / 7 });
    // The district's roll-up: 10 + 8 + 3 = 21 assigned; 8 + 6 + 3 = 17 answered; 6 + 4 + 3 = 13 in time; 1 + 1 = 2 overdue → 13 / 19.
    expect(rows.find((r) => r.unitId === 2)!.subtree).toMatchObject({ assigned: 21, replied: 17, repliedOnTime: 13, overdueOpen: 2, onTimeRate: 13 / 19 });
    expect(rows.map((r) => r.name)).toEqual(['市住房和城乡建设局', '东湖区人民政府', '湖滨街道办事处', '桃园街道办事处', '桃园社区居委会']);
  });

  it('has no rate where nothing was due, and ends on a cycle in the hierarchy (which units.yaml validation refuses anyway)', () => {
    const cyclic = [
      { id: 1, name: 'A', parentId: 2, tier: 'street' },
      { id: 2, name: 'B', parentId: 1, tier: 'street' },
    ];
    const { tiers, units: rows } = tierStatistics(cyclic, new Map([[1, c(2, 0, 0, 0)]]));
    expect(tiers).toEqual([expect.objectContaining({ tier: 'street', assigned: 2, onTimeRate: null })]);
    expect(rows.find((r) => r.name === 'A')?.subtree.assigned).toBe(2);
  });
});
