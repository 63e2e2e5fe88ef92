import type { HubConfig } from '@hub/config';
import {
  AUTH_SESSIONS,
  InMemoryAuthSessionRepository,
  InMemoryLoginThrottleRepository,
  InMemoryUnitOfWork,
  InMemoryUserRepository,
  LOGIN_THROTTLES,
  USERS,
} from '@hub/database';
import { fixedClock } from '@hub/domain';
import { hashPassword } from '../../password';
import { SessionUsers } from '../../session-users.service';
import { LogInUseCase } from './log-in.usecase';

const config = { env: { sessionHours: 12 } } as HubConfig;

async function setUp(at = '2025-03-03T09:00:00Z') {
  const users = new InMemoryUserRepository(new Map([[7, '市住房和城乡建设局']]));
  const sessions = new InMemoryAuthSessionRepository();
  const uow = new InMemoryUnitOfWork().provide(USERS, users).provide(AUTH_SESSIONS, sessions).provide(LOGIN_THROTTLES, new InMemoryLoginThrottleRepository());
  await users.create({ username: 'unit1', displayName: '承办人', role: 'unit', passwordHash: await hashPassword('right-password'), email: null, unitIds: [7] });
  const clock = fixedClock(at);
  return { users, sessions, uow, logIn: new LogInUseCase(uow, config, clock), clock, at: (iso: string) => new LogInUseCase(uow, config, fixedClock(iso)) };
}

describe('log in', () => {
  it('gives a token for 12 hours that resolves to the user and their units', async () => {
    const { uow, clock, logIn } = await setUp();
    const r = await logIn.execute({ username: 'unit1', password: 'right-password', ip: '10.0.0.1' });
    expect(r.expiresAt).toBe('2025-03-03T21:00:00.000Z');
    expect(r.user).toEqual({
      id: 1,
      username: 'unit1',
      displayName: '承办人',
      role: 'unit',
      unitIds: [7],
      units: [{ id: 7, name: '市住房和城乡建设局' }],
      mustChangePassword: false,
      scopeUnitId: null,
      scope: null,
    });
    expect(await new SessionUsers(uow, clock).resolve(r.token)).toEqual(r.user);
    expect(await new SessionUsers(uow, fixedClock('2025-03-03T21:00:00Z')).resolve(r.token)).toBeNull();
  });

  it('pauses a guesser on one address after five wrong passwords, while the owner elsewhere still gets in', async () => {
    const { logIn, at } = await setUp();
    for (let i = 1; i <= 5; i++) {
      await expect(logIn.execute({ username: 'unit1', password: 'wrong-password', ip: '203.0.113.9' })).rejects.toMatchObject({
        code: 'BAD_CREDENTIALS',
        message: '用户名或密码错误',
      });
    }
    await expect(logIn.execute({ username: 'unit1', password: 'right-password', ip: '203.0.113.9' })).rejects.toMatchObject({
      code: 'THROTTLED',
      message: '登录失败次数过多，请 5 秒后再试',
    });
    expect(await logIn.execute({ username: 'unit1', password: 'right-password', ip: '10.0.0.1' })).toMatchObject({ user: { username: 'unit1' } });
    // The owner's login cleared the account's counts; the guesser's pause is over 5 seconds later.
    expect(await at('2025-03-03T09:00:05Z').execute({ username: 'unit1', password: 'right-password', ip: '203.0.113.9' })).toMatchObject({
      token: expect.any(String),
    });
  });

  it('holds an account at most 30 seconds however many strangers fail on it', async () => {
    const { logIn, at } = await setUp();
    for (let i = 0; i < 40; i++) await logIn.execute({ username: 'unit1', password: 'wrong', ip: `198.51.100.${i}` }).catch(() => undefined);
    await expect(logIn.execute({ username: 'unit1', password: 'right-password', ip: '10.0.0.1' })).rejects.toMatchObject({ code: 'THROTTLED' });
    expect(await at('2025-03-03T09:00:30Z').execute({ username: 'unit1', password: 'right-password', ip: '10.0.0.1' })).toMatchObject({
      token: expect.any(String),
    });
  });

  it('throttles an unknown username exactly like an existing one', async () => {
    const { logIn } = await setUp();
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++)
        out.push(
          await logIn.execute({ username, password: 'wrong', ip: '203.0.113.7' }).then(
            () => 'OK',
            (e: { code: string }) => e.code,
          ),
        );
      return out;
    };
    expect(await answers('nobody')).toEqual(await answers('unit1'));
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

describe('made-up usernames', () => {
  it('leave no count behind once forgotten: the next successful login clears them', async () => {
    const users = new InMemoryUserRepository();
    await users.create({ username: 'wang', displayName: '王', role: 'operator', passwordHash: await hashPassword('right-password'), email: null });
    const throttles = new InMemoryLoginThrottleRepository();
    const uow = new InMemoryUnitOfWork().provide(USERS, users).provide(AUTH_SESSIONS, new InMemoryAuthSessionRepository()).provide(LOGIN_THROTTLES, throttles);
    for (let i = 0; i < 3; i++)
      await new LogInUseCase(uow, config, fixedClock('2025-03-03T09:00:00Z')).execute({ username: `x${i}`, password: 'p' }).catch(() => undefined);
    expect(throttles.table.all()).toHaveLength(3);
    await new LogInUseCase(uow, config, fixedClock('2025-03-03T10:30:00Z')).execute({ username: 'wang', password: 'right-password' });
    expect(throttles.table.all()).toEqual([]);
  });
});
