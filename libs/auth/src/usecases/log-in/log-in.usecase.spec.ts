import type { HubConfig } from '@hub/config';
import { AUTH_SESSIONS, InMemoryAuthSessionRepository, InMemoryUnitOfWork, InMemoryUserRepository, USERS } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { hashPassword } from '../../password';
import { SessionUsers } from '../../session-users.service';
import { LogInUseCase } from './log-in.usecase';

const config = { env: { sessionHours: 12 } } as HubConfig;

async function setUp(at = '2025-03-03T09:00:00Z') {
  const users = new InMemoryUserRepository(new Map([[7, '市住房和城乡建设局']]));
  const sessions = new InMemoryAuthSessionRepository();
  const uow = new InMemoryUnitOfWork().provide(USERS, users).provide(AUTH_SESSIONS, sessions);
  await users.create({ username: 'unit1', displayName: '承办人', role: 'unit', passwordHash: await hashPassword('right-password'), email: null, unitIds: [7] });
  const clock = fixedClock(at);
  return { users, sessions, uow, clock, logIn: new LogInUseCase(uow, config, clock) };
}

describe('log in', () => {
  it('gives a token for 12 hours that resolves to the user and their units', async () => {
    const { uow, clock, logIn } = await setUp();
    const r = await logIn.execute({ username: 'unit1', password: 'right-password', ip: '10.0.0.1' });
    expect(r.expiresAt).toBe('2025-03-03T21:00:00.000Z');
    expect(r.user).toEqual({ id: 1, username: 'unit1', displayName: '承办人', role: 'unit', unitIds: [7], units: [{ id: 7, name: '市住房和城乡建设局' }] });
    expect(await new SessionUsers(uow, clock).resolve(r.token)).toEqual(r.user);
    expect(await new SessionUsers(uow, fixedClock('2025-03-03T21:00:00Z')).resolve(r.token)).toBeNull();
  });

  it('refuses a wrong password and, at the fifth in a row, locks the account for 15 minutes', async () => {
    const { users, logIn } = await setUp();
    for (let i = 1; i <= 4; i++) {
      await expect(logIn.execute({ username: 'unit1', password: 'wrong-password' })).rejects.toMatchObject({
        code: 'BAD_CREDENTIALS',
        message: '用户名或密码错误',
      });
      expect((await users.findByUsername('unit1'))?.failedLogins).toBe(i);
    }
    await expect(logIn.execute({ username: 'unit1', password: 'wrong-password' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(logIn.execute({ username: 'unit1', password: 'right-password' })).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
      message: '账号已临时锁定，请于 15 分钟后再试',
    });
  });

  it('refuses an unknown user and a deactivated one alike, and opens no session', async () => {
    const { users, sessions, logIn } = await setUp();
    await expect(logIn.execute({ username: 'nobody', password: 'right-password' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await users.update(1, { active: false });
    await expect(logIn.execute({ username: 'unit1', password: 'right-password' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(sessions.table.all()).toEqual([]);
  });

  it('names the missing field of an empty login', async () => {
    const { logIn } = await setUp();
    await expect(logIn.execute({ username: '', password: 'x' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('username') });
  });
});
