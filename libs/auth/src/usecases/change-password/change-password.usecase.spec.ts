import { AUTH_SESSIONS, InMemoryAuthSessionRepository, InMemoryUnitOfWork, InMemoryUserRepository, USERS } from '@hub/database';
import { hashPassword, verifyPassword } from '../../password';
import { ChangePasswordUseCase } from './change-password.usecase';

async function setUp() {
  const users = new InMemoryUserRepository();
  const sessions = new InMemoryAuthSessionRepository();
  await users.create({
    username: 'wang',
    displayName: '王芳',
    role: 'operator',
    passwordHash: await hashPassword('given-by-admin-1'),
    email: null,
    mustChangePassword: true,
  });
  await sessions.create({ tokenHash: 'here', userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
  await sessions.create({ tokenHash: 'elsewhere', userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
  return { users, sessions, change: new ChangePasswordUseCase(new InMemoryUnitOfWork().provide(USERS, users).provide(AUTH_SESSIONS, sessions)) };
}

describe('change one’s own password', () => {
  it('takes the new password, stops asking for a change and ends the other sessions', async () => {
    const { users, sessions, change } = await setUp();
    expect(await change.execute({ userId: 1, currentPassword: 'given-by-admin-1', newPassword: 'my own 2025 words', keepTokenHash: 'here' })).toEqual({
      changed: true,
    });
    const u = (await users.findById(1))!;
    expect(await verifyPassword('my own 2025 words', u.passwordHash)).toBe(true);
    expect(u.mustChangePassword).toBe(false);
    expect(sessions.table.all().map((s) => s.tokenHash)).toEqual(['here']);
  });

  it('refuses a wrong current password, a weak one and the same one, in Chinese', async () => {
    const { change } = await setUp();
    await expect(change.execute({ userId: 1, currentPassword: 'guess', newPassword: 'my own 2025 words' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '当前密码不正确',
    });
    await expect(change.execute({ userId: 1, currentPassword: 'given-by-admin-1', newPassword: 'short1' })).rejects.toMatchObject({
      message: '密码至少 10 个字符',
    });
    await expect(change.execute({ userId: 1, currentPassword: 'given-by-admin-1', newPassword: 'given-by-admin-1' })).rejects.toMatchObject({
      message: '新密码不能与当前密码相同',
    });
  });
});
