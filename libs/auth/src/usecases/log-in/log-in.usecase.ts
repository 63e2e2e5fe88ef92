import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { AUTH_SESSIONS, UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { verifyPassword } from '../../password';
import { SessionUser, toSessionUser, tokenHash } from '../../session-user';
import { LogInCommand } from './log-in.command';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export interface LogInResult {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/**
 * Checks the password and opens a session that expires; five failures lock the account for 15
 * minutes. Refusals: ACCOUNT_LOCKED (429 over HTTP), BAD_CREDENTIALS (401).
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
    // A refusal is decided inside and thrown after the commit: the failure count must stay written.
    const outcome = await this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      const user = await users.findByUsername(cmd.username);
      if (user?.lockedUntil && user.lockedUntil > now) {
        return {
          refused: new UseCaseError('ACCOUNT_LOCKED', `账号已临时锁定，请于 ${Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000)} 分钟后再试`),
        };
      }
      const ok = user && user.active ? await verifyPassword(cmd.password, user.passwordHash) : false;
      if (!user || !ok) {
        if (user) {
          const failed = user.failedLogins + 1;
          await users.recordFailedLogin(
            user.id,
            failed >= MAX_FAILURES ? 0 : failed,
            failed >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60000) : null,
          );
        }
        return { refused: new UseCaseError('BAD_CREDENTIALS', '用户名或密码错误') };
      }
      await users.recordLogin(user.id, now);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + this.config.env.sessionHours * 3600_000);
      const sessions = tx.get(AUTH_SESSIONS);
      await sessions.create({ tokenHash: tokenHash(token), userId: user.id, expiresAt, ip: cmd.ip ?? null });
      await sessions.deleteExpired(now);
      return { result: { token, expiresAt: expiresAt.toISOString(), user: toSessionUser(user) } };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.result;
  }
}
