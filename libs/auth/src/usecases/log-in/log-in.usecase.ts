import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { AUTH_SESSIONS, LOGIN_THROTTLES, UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { pauseSeconds, THROTTLE_FORGET_MS, throttledMessage, throttleKeys } from '../../login-throttle-policy';
import { hashPassword, verifyPassword } from '../../password';
import { loadSessionUser, SessionUser, tokenHash } from '../../session-user';
import { LogInCommand } from './log-in.command';

export interface LogInResult {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** A hash of nothing anyone knows: an unknown username costs the same scrypt as a known one. */
let dummyHash: Promise<string> | null = null;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/**
 * Checks the password and opens a session that expires. Failures slow further tries per account,
 * per account and address, and per address (login-throttle-policy); there is no lockout a stranger
 * can impose beyond a short pause. Refusals: THROTTLED (429 over HTTP, before any password is
 * tried), BAD_CREDENTIALS (401, the same for unknown, deactivated and wrong).
 */
@Injectable()
export class LogInUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: LogInCommand): Promise<LogInResult> {
    const cmd = validateCommand(LogInCommand, input);
    const now = this.clock.now();
    const keys = throttleKeys(cmd.username, cmd.ip);
    const waitUntil = Math.max(0, ...(await this.uow.read(LOGIN_THROTTLES).find(keys.map((k) => k.key))).map((t) => t.blockedUntil?.getTime() ?? 0));
    if (waitUntil > now.getTime()) throw new UseCaseError('THROTTLED', throttledMessage((waitUntil - now.getTime()) / 1000));

    const user = await this.uow.read(USERS).findByUsername(cmd.username);
    const matches = await verifyPassword(cmd.password, user?.passwordHash ?? (await unknownUserHash()));
    if (!user || !user.active || !matches) {
      await this.uow.run(async (tx) => {
        const throttles = tx.get(LOGIN_THROTTLES);
        for (const { rule, key } of keys) {
          const pause = pauseSeconds(rule, await throttles.recordFailure(key, now, new Date(now.getTime() - THROTTLE_FORGET_MS)));
          if (pause) await throttles.block(key, new Date(now.getTime() + pause * 1000));
        }
      });
      throw new UseCaseError('BAD_CREDENTIALS', '用户名或密码错误');
    }
    const sessionUser = await loadSessionUser(this.uow, user);
    return this.uow.run(async (tx) => {
      // The owner got in: the counts strangers ran up on the account go; the address's stay.
      const throttles = tx.get(LOGIN_THROTTLES);
      await throttles.clear(keys.filter((k) => k.rule.scope !== 'ip').map((k) => k.key));
      await throttles.purge(new Date(now.getTime() - THROTTLE_FORGET_MS), now);
      await tx.get(USERS).recordLogin(user.id, now);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + this.config.env.sessionHours * 3600_000);
      const sessions = tx.get(AUTH_SESSIONS);
      await sessions.create({ tokenHash: tokenHash(token), userId: user.id, expiresAt, ip: cmd.ip ?? null });
      await sessions.deleteExpired(now);
      return { token, expiresAt: expiresAt.toISOString(), user: sessionUser };
    });
  }
}
