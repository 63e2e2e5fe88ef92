import { EntityManager, LessThan, Not } from 'typeorm';
import { AuthSessionEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface NewAuthSession {
  tokenHash: string;
  userId: number;
  expiresAt: Date;
  ip: string | null;
}

/** Logins: only a token's hash is kept, with its expiry. */
export interface AuthSessionRepository {
  create(session: NewAuthSession): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<{ userId: number; expiresAt: Date } | null>;
  deleteByTokenHash(tokenHash: string): Promise<void>;
  /** Sessions that expired before `now`. */
  deleteExpired(now: Date): Promise<void>;
  /** Every session of the user (deactivated, or a new password), but the one of `exceptTokenHash`. */
  deleteForUser(userId: number, exceptTokenHash?: string): Promise<void>;
}

export class TypeOrmAuthSessionRepository implements AuthSessionRepository {
  constructor(private readonly m: EntityManager) {}

  async create(s: NewAuthSession): Promise<void> {
    await this.m.getRepository(AuthSessionEntity).insert(s);
  }

  async findByTokenHash(tokenHash: string): Promise<{ userId: number; expiresAt: Date } | null> {
    return this.m.getRepository(AuthSessionEntity).findOneBy({ tokenHash });
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.m.getRepository(AuthSessionEntity).delete({ tokenHash });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.m.getRepository(AuthSessionEntity).delete({ expiresAt: LessThan(now) });
  }

  async deleteForUser(userId: number, exceptTokenHash?: string): Promise<void> {
    if (exceptTokenHash) await this.m.getRepository(AuthSessionEntity).delete({ userId, tokenHash: Not(exceptTokenHash) });
    else await this.m.query('DELETE FROM auth_sessions WHERE userId = ?', [userId]);
  }
}

export const AUTH_SESSIONS = repositoryToken<AuthSessionRepository>('auth-sessions', (m) => new TypeOrmAuthSessionRepository(m));
