import { InMemoryUnitOfWork, InMemoryUserRepository, USERS } from '@hub/database';
import { verifyPassword } from '../../password';
import { CreateUserUseCase } from './create-user.usecase';

function setUp() {
  const users = new InMemoryUserRepository(new Map([[3, '市交通运输局']]));
  return { users, createUser: new CreateUserUseCase(new InMemoryUnitOfWork().provide(USERS, users)) };
}

describe('create a user', () => {
  it('adds a unit user working for its units, with the password stored only as a hash', async () => {
    const { users, createUser } = setUp();
    expect(await createUser.execute({ username: 'jt.wang', displayName: '王工', role: 'unit', password: 'long-enough', unitIds: [3] })).toEqual({
      id: 1,
      username: 'jt.wang',
    });
    const u = await users.findByUsername('jt.wang');
    expect(u).toMatchObject({ active: true, units: [{ id: 3, name: '市交通运输局' }], email: null, mustChangePassword: true });
    expect(u?.passwordHash).not.toContain('long-enough');
    expect(await verifyPassword('long-enough', u!.passwordHash)).toBe(true);
  });

  it('refuses a username that is taken, and a unit user without units', async () => {
    const { createUser } = setUp();
    await createUser.execute({ username: 'op', displayName: '话务员', role: 'operator', password: 'long-enough' });
    await expect(createUser.execute({ username: 'op', displayName: '另一个', role: 'operator', password: 'long-enough' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'username op is taken',
    });
    await expect(createUser.execute({ username: 'u2', displayName: '承办人', role: 'unit', password: 'long-enough' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'a unit user needs unitIds (the units it works for)',
    });
  });

  it('refuses a short password with the rule a person can follow', async () => {
    const { createUser } = setUp();
    await expect(createUser.execute({ username: 'op', displayName: '话务员', role: 'operator', password: 'short' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '密码至少 10 个字符；密码须包含字母、数字、符号中的至少两类',
    });
  });
});
