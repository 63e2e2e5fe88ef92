import { ancestorsOf, unitHierarchyProblems } from './unit-hierarchy';

describe('units.yaml hierarchy (parent)', () => {
  it('accepts a tree of any depth', () => {
    const units = [
      { name: '东湖区人民政府', desk: true },
      { name: '桃园街道办事处', parent: '东湖区人民政府', desk: true },
      { name: '桃园社区', parent: '桃园街道办事处' },
    ];
    expect(unitHierarchyProblems(units)).toEqual([]);
    expect(ancestorsOf(units, '桃园社区')).toEqual(['桃园街道办事处', '东湖区人民政府']);
  });

  it('names the unit whose parent is unknown', () => {
    expect(unitHierarchyProblems([{ name: '桃园社区', parent: '桃园街道' }])).toEqual([
      'units.yaml: unit 桃园社区: parent 桃园街道 is not a unit listed in units.yaml',
    ]);
  });

  it('refuses a unit above its parent’s tier, and allows the same tier (a district bureau under its district government)', () => {
    const units = [
      { name: '桃园社区', tier: 'community' },
      { name: '桃园街道办事处', tier: 'street', parent: '桃园社区' },
      { name: '东湖区人民政府', tier: 'district' },
      { name: '东湖区城市管理局', tier: 'district', parent: '东湖区人民政府' },
    ];
    expect(unitHierarchyProblems(units)).toEqual(["units.yaml: unit 桃园街道办事处: tier street is above its parent 桃园社区's tier community"]);
  });

  it('refuses a unit that is its own parent and a cycle, once each', () => {
    const problems = unitHierarchyProblems([
      { name: 'A', parent: 'B' },
      { name: 'B', parent: 'C' },
      { name: 'C', parent: 'A' },
      { name: 'D', parent: 'D' },
      { name: 'E', parent: 'A' },
    ]);
    expect(problems).toEqual(['units.yaml: unit D: parent names the unit itself', 'units.yaml: unit A: parent forms a cycle (A → B → C → A)']);
  });
});
