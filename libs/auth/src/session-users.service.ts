import { Inject, Injectable } from '@nestjs/common';
import { AUTH_SESSIONS, UnitOfWork, USERS } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { loadSessionUser, SessionUser, tokenHash } from './session-user';

/** The user behind a bearer token (a read: every request asks it). */
@Injectable()
export class SessionUsers {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** null when the token is unknown or expired, or its user was deactivated. */
  async resolve(token: string): Promise<SessionUser | null> {
    const session = await this.uow.read(AUTH_SESSIONS).findByTokenHash(tokenHash(token));
    if (!session || session.expiresAt <= this.clock.now()) return null;
    const user = await this.uow.read(USERS).findById(session.userId);
    if (!user || !user.active) return null;
    return loadSessionUser(this.uow, user);
  }
}
