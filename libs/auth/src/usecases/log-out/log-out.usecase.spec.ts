import { AUTH_SESSIONS, InMemoryAuthSessionRepository, InMemoryUnitOfWork } from '@hub/database';
import { tokenHash } from '../../session-user';
import { LogOutUseCase } from './log-out.usecase';

describe('log out', () => {
  it("ends the token's session and leaves the user's other sessions", async () => {
    const sessions = new InMemoryAuthSessionRepository();
    await sessions.create({ tokenHash: tokenHash('phone'), userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
    await sessions.create({ tokenHash: tokenHash('desk'), userId: 1, expiresAt: new Date('2030-01-01'), ip: null });
    await new LogOutUseCase(new InMemoryUnitOfWork().provide(AUTH_SESSIONS, sessions)).execute({ token: 'phone' });
    expect(sessions.table.all().map((s) => s.tokenHash)).toEqual([tokenHash('desk')]);
  });
});
