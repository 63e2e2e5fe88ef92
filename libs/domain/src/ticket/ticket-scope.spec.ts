import { ticketInScope, ticketScopeOf, type ScopeUnit } from './ticket-scope';

// 1 市中心 → 2 东湖区政府 (东湖区) → 3 湖滨街道 (serves 东湖区) → 4 湖滨社区; 5 西岭区政府 (西岭区, also serves 高新区).
const units: ScopeUnit[] = [
  { id: 1, parentId: null, region: null },
  { id: 2, parentId: 1, region: '东湖区' },
  { id: 3, parentId: 2, region: null, regions: ['东湖区'] },
  { id: 4, parentId: 3, region: null },
  { id: 5, parentId: 1, region: '西岭区', regions: ['高新区'] },
];

describe('ticket scope', () => {
  it("is a district's whole sub-tree, itself first, and the regions it serves", () => {
    expect(ticketScopeOf(units, 2)).toEqual({ rootUnitId: 2, unitIds: [2, 3, 4], regions: ['东湖区'] });
    expect(ticketScopeOf(units, 5)).toEqual({ rootUnitId: 5, unitIds: [5], regions: ['西岭区', '高新区'] });
  });

  it('survives a cycle and an unknown root (which then sees only itself)', () => {
    const cyclic: ScopeUnit[] = [
      { id: 1, parentId: 2, region: null },
      { id: 2, parentId: 1, region: null },
    ];
    expect(ticketScopeOf(cyclic, 1).unitIds).toEqual([1, 2]);
    expect(ticketScopeOf(units, 99)).toEqual({ rootUnitId: 99, unitIds: [99], regions: [] });
  });

  it('holds a ticket on a sub-tree desk, assigned below, or undispatched in a served region; nothing else', () => {
    const scope = ticketScopeOf(units, 2);
    const base = { deskUnitId: null, region: null, assignedUnitIds: [], dispatched: false };
    expect(ticketInScope(scope, { ...base, deskUnitId: 3 })).toBe(true);
    expect(ticketInScope(scope, { ...base, assignedUnitIds: [5, 4], dispatched: true })).toBe(true);
    expect(ticketInScope(scope, { ...base, region: '东湖区' })).toBe(true);
    expect(ticketInScope(scope, { ...base, region: '东湖区', dispatched: true, assignedUnitIds: [5] })).toBe(false);
    expect(ticketInScope(scope, { ...base, region: '西岭区' })).toBe(false);
    expect(ticketInScope(scope, { ...base, deskUnitId: 5, region: '东湖区', dispatched: true })).toBe(false);
    expect(ticketInScope(null, { ...base, deskUnitId: 5 })).toBe(true);
  });
});
