import { InMemoryUnitOfWork, InMemoryUnitRepository, InMemoryUserRepository, UNITS, USERS } from '@hub/database';
import { SetUserScopeUseCase } from './set-user-scope.usecase';

function world() {
  const users = new InMemoryUserRepository();
  const units = new InMemoryUnitRepository();
  const at = new Date('2026-03-02T08:00:00Z');
  const base = { kind: 'government', email: 'x@hub.local', active: true, tier: 'district', desk: true, regions: null, createdAt: at };
  units.table.insert({ ...base, name: '东湖区人民政府', region: '东湖区', parentId: null });
  const setScope = new SetUserScopeUseCase(new InMemoryUnitOfWork().provide(USERS, users).provide(UNITS, units));
  return { users, setScope };
}

describe('set a user scope', () => {
  it("limits a supervisor to a district's sub-tree and gives it the whole city back", async () => {
    const { users, setScope } = world();
    await users.create({ username: 'dh-sup', displayName: '东湖督办', role: 'supervisor', passwordHash: 'x', email: null });
    expect(await setScope.execute({ username: 'dh-sup', unitName: '东湖区人民政府' })).toEqual({
      id: 1,
      username: 'dh-sup',
      scopeUnitId: 1,
      scopeUnit: '东湖区人民政府',
    });
    expect((await users.findByUsername('dh-sup'))?.scopeUnitId).toBe(1);
    await setScope.execute({ username: 'dh-sup', unitName: null });
    expect((await users.findByUsername('dh-sup'))?.scopeUnitId).toBeNull();
  });

  it('refuses a unit user, an administrator, an unknown unit and an unknown account, naming each', async () => {
    const { users, setScope } = world();
    await users.create({ username: 'u1', displayName: '承办人', role: 'unit', passwordHash: 'x', email: null });
    await users.create({ username: 'root', displayName: '管理员', role: 'admin', passwordHash: 'x', email: null });
    await users.create({ username: 'op', displayName: '话务员', role: 'operator', passwordHash: 'x', email: null });
    await expect(setScope.execute({ username: 'u1', unitName: '东湖区人民政府' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('unit 不能限定范围'),
    });
    await expect(setScope.execute({ username: 'root', unitName: '东湖区人民政府' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(setScope.execute({ username: 'op', unitName: '西岭区人民政府' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('西岭区人民政府'),
    });
    await expect(setScope.execute({ username: 'nobody', unitName: '东湖区人民政府' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await users.findByUsername('op'))?.scopeUnitId).toBeNull();
  });
});
