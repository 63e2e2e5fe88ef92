import { AUTH_SESSIONS, InMemoryAuthSessionRepository, InMemoryUnitOfWork, InMemoryUserRepository, USERS } from '@hub/database';
import { verifyPassword } from '../../password';
import { UpdateUserUseCase } from './update-user.usecase';

async function setUp() {
  const users = new InMemoryUserRepository(
    new Map([
      [3, '市交通运输局'],
      [4, '市水务局'],
    ]),
  );
  const sessions = new InMemoryAuthSessionRepository();
  await users.create({ username: 'u1', displayName: '承办人', role: 'unit', passwordHash: 'x', email: null, unitIds: [3] });
  await sessions.create({ tokenHash: 'h', userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
  return { users, sessions, updateUser: new UpdateUserUseCase(new InMemoryUnitOfWork().provide(USERS, users).provide(AUTH_SESSIONS, sessions)) };
}

describe('update a user', () => {
  it('moves a unit user to other units and keeps them logged in', async () => {
    const { users, sessions, updateUser } = await setUp();
    expect(await updateUser.execute({ userId: 1, displayName: '新承办人', unitIds: [4] })).toEqual({ id: 1, updated: true });
    expect(await users.findById(1)).toMatchObject({ displayName: '新承办人', units: [{ id: 4, name: '市水务局' }] });
    expect(sessions.table.all()).toHaveLength(1);
  });

  it('logs a user out everywhere when deactivated or given a new password', async () => {
    const { users, sessions, updateUser } = await setUp();
    await updateUser.execute({ userId: 1, password: 'a-new-password' });
    expect(sessions.table.all()).toEqual([]);
    expect(await verifyPassword('a-new-password', (await users.findById(1))!.passwordHash)).toBe(true);
    expect((await users.findById(1))?.mustChangePassword).toBe(true);
    await sessions.create({ tokenHash: 'h2', userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
    await updateUser.execute({ userId: 1, active: false });
    expect(sessions.table.all()).toEqual([]);
  });

  it('refuses a weak new password with the rule in Chinese', async () => {
    const { updateUser } = await setUp();
    await expect(updateUser.execute({ userId: 1, password: 'abcdefghijk' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '密码须包含字母、数字、符号中的至少两类',
    });
  });

  it('says which user is not there', async () => {
    const { updateUser } = await setUp();
    await expect(updateUser.execute({ userId: 99, active: false })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'user 99 not found' });
  });
});
