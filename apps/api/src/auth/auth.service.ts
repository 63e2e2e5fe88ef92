import { Inject, Injectable, UnauthorizedException, HttpException, HttpStatus } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { DataSource, LessThan } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { AuthSessionEntity, UserEntity } from '@hub/database';
import { Role, verifyPassword } from '@hub/auth';
import { CLOCK, Clock } from '@hub/domain';
import type { SessionUser } from './auth.decorators';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(private readonly ds: DataSource, @Inject(HUB_CONFIG) private readonly config: HubConfig, @Inject(CLOCK) private readonly clock: Clock) {}

  /** Checks the password; five failures lock the account for 15 minutes. */
  async login(username: string, password: string, ip: string | null) {
    const users = this.ds.getRepository(UserEntity);
    const user = await users.findOne({ where: { username }, relations: { units: true } });
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw new HttpException(`账号已临时锁定，请于 ${Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000)} 分钟后再试`, HttpStatus.TOO_MANY_REQUESTS);
    }
    const ok = user && user.active ? await verifyPassword(password, user.passwordHash) : false;
    if (!user || !ok) {
      if (user) {
        const failed = user.failedLogins + 1;
        await users.update(user.id, {
          failedLogins: failed >= MAX_FAILURES ? 0 : failed,
          lockedUntil: failed >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60000) : null,
        });
      }
      throw new UnauthorizedException('用户名或密码错误');
    }
    await users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.env.sessionHours * 3600_000);
    const sessions = this.ds.getRepository(AuthSessionEntity);
    await sessions.insert({ tokenHash: sha256(token), userId: user.id, expiresAt, ip });
    await sessions.delete({ expiresAt: LessThan(now) });
    return { token, expiresAt: expiresAt.toISOString(), user: this.toSessionUser(user) };
  }

  async logout(token: string): Promise<void> {
    await this.ds.getRepository(AuthSessionEntity).delete({ tokenHash: sha256(token) });
  }

  /** The user behind a bearer token, or null when it is unknown or expired. */
  async resolve(token: string): Promise<SessionUser | null> {
    const session = await this.ds.getRepository(AuthSessionEntity).findOneBy({ tokenHash: sha256(token) });
    if (!session || session.expiresAt <= this.clock.now()) return null;
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { id: session.userId }, relations: { units: true } });
    if (!user || !user.active) return null;
    return this.toSessionUser(user);
  }

  toSessionUser(user: UserEntity): SessionUser {
    const units = (user.units ?? []).map((u) => ({ id: u.id, name: u.name }));
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role, unitIds: units.map((u) => u.id), units };
  }
}
