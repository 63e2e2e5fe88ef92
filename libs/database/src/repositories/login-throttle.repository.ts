import { EntityManager, In, IsNull, LessThan, Like, MoreThan } from 'typeorm';
import { LoginThrottleEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface LoginThrottle {
  throttleKey: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

/** Failed-login counts and the pauses they impose, shared by every API process. */
export interface LoginThrottleRepository {
  find(keys: string[]): Promise<LoginThrottle[]>;
  /**
   * One more failure for the key, counted atomically (two API processes never lose one); a count
   * whose last failure is before `forgetBefore` starts again. Returns the new count.
   */
  recordFailure(key: string, now: Date, forgetBefore: Date): Promise<number>;
  block(key: string, until: Date | null): Promise<void>;
  /** Forgets these keys and every key starting with one of `prefixes`; returns how many went. */
  clear(keys: string[], prefixes?: string[]): Promise<number>;
  /** Keys blocked beyond `now`, latest first. */
  blocked(now: Date, take: number): Promise<LoginThrottle[]>;
  /** Drops counts already forgotten (last failure before `forgetBefore`, no pause left at `now`): made-up usernames do not pile up. */
  purge(forgetBefore: Date, now: Date): Promise<void>;
}

export class TypeOrmLoginThrottleRepository implements LoginThrottleRepository {
  constructor(private readonly m: EntityManager) {}

  private get rows() {
    return this.m.getRepository(LoginThrottleEntity);
  }

  find(keys: string[]): Promise<LoginThrottle[]> {
    return keys.length ? this.rows.findBy({ throttleKey: In(keys) }) : Promise.resolve([]);
  }

  async recordFailure(key: string, now: Date, forgetBefore: Date): Promise<number> {
    await this.rows.createQueryBuilder().insert().values({ throttleKey: key, failures: 0, lastFailureAt: now, blockedUntil: null }).orIgnore().execute();
    await this.rows.update({ throttleKey: key, lastFailureAt: LessThan(forgetBefore) }, { failures: 0, blockedUntil: null });
    await this.rows.increment({ throttleKey: key }, 'failures', 1);
    await this.rows.update({ throttleKey: key }, { lastFailureAt: now });
    return (await this.rows.findOneByOrFail({ throttleKey: key })).failures;
  }

  async block(key: string, until: Date | null): Promise<void> {
    await this.rows.update({ throttleKey: key }, { blockedUntil: until });
  }

  async clear(keys: string[], prefixes: string[] = []): Promise<number> {
    let n = 0;
    if (keys.length) n += (await this.rows.delete({ throttleKey: In(keys) })).affected ?? 0;
    // Keys hold usernames of [A-Za-z0-9_.-] and addresses: no LIKE wildcard to escape but `_`.
    for (const p of prefixes) n += (await this.rows.delete({ throttleKey: Like(`${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) })).affected ?? 0;
    return n;
  }

  blocked(now: Date, take: number): Promise<LoginThrottle[]> {
    return this.rows.find({ where: { blockedUntil: MoreThan(now) }, order: { blockedUntil: 'DESC' }, take });
  }

  async purge(forgetBefore: Date, now: Date): Promise<void> {
    await this.rows.delete({ lastFailureAt: LessThan(forgetBefore), blockedUntil: IsNull() });
    await this.rows.delete({ lastFailureAt: LessThan(forgetBefore), blockedUntil: LessThan(now) });
  }
}

export const LOGIN_THROTTLES = repositoryToken<LoginThrottleRepository>('login-throttles', (m) => new TypeOrmLoginThrottleRepository(m));
