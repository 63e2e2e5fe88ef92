import { InMemoryLoginThrottleRepository, InMemoryUnitOfWork, InMemoryUserRepository, LOGIN_THROTTLES, USERS } from '@hub/database';
import { UnlockUserUseCase } from './unlock-user.usecase';

describe('unlock an account', () => {
  it("lifts the account's pauses from every address and leaves the addresses' own counts", async () => {
    const users = new InMemoryUserRepository();
    await users.create({ username: 'Admin', displayName: '管理员', role: 'admin', passwordHash: 'x', email: null });
    const throttles = new InMemoryLoginThrottleRepository();
    const now = new Date('2025-03-03T09:00:00Z');
    for (const key of ['account:admin', 'account-ip:admin|203.0.113.9', 'account-ip:administrator|203.0.113.9', 'ip:203.0.113.9']) {
      await throttles.recordFailure(key, now, now);
      await throttles.block(key, new Date('2025-03-03T09:15:00Z'));
    }
    const unlock = new UnlockUserUseCase(new InMemoryUnitOfWork().provide(USERS, users).provide(LOGIN_THROTTLES, throttles));
    expect(await unlock.execute({ userId: 1 })).toEqual({ id: 1, username: 'Admin', cleared: 2 });
    expect(throttles.table.all().map((t) => t.throttleKey)).toEqual(['account-ip:administrator|203.0.113.9', 'ip:203.0.113.9']);
    await expect(unlock.execute({ userId: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
