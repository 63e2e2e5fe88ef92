import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { findTicketNumber } from '@hub/domain';
import { REDIS } from '@hub/queue';

/** Failed lookups allowed per hour: from one address, and for one number (whoever asks). */
export const LOOKUP_LIMITS = { perIp: 20, perNumber: 10, windowMs: 3_600_000 };
export const TOO_MANY_LOOKUPS = '查询失败次数过多，请一小时后再试；如忘记查询码，请拨打 12345 热线';

/**
 * Stops guessing on the public routes (查询码 for a number, numbers with a code, survey tokens):
 * failures are counted in Redis (shared by every API process) per client address and per number;
 * past the limit every lookup of that address or number is refused for the rest of the hour,
 * right or wrong, so the answer tells nothing. Redis away: counted in this process meanwhile.
 */
@Injectable()
export class LookupLimiter {
  private readonly log = new Logger('public');
  private readonly local = new Map<string, { n: number; until: number }>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Throws 429 when the address or the number is past its limit. */
  async check(ip: string, number: string | null): Promise<void> {
    const [byIp, byNumber] = await Promise.all([this.count(this.key('ip', ip)), number ? this.count(this.key('n', number)) : 0]);
    if (byIp >= LOOKUP_LIMITS.perIp || byNumber >= LOOKUP_LIMITS.perNumber) throw new HttpException(TOO_MANY_LOOKUPS, HttpStatus.TOO_MANY_REQUESTS);
  }

  async failed(ip: string, number: string | null): Promise<void> {
    await Promise.all([this.bump(this.key('ip', ip)), number ? this.bump(this.key('n', number)) : null]);
  }

  /** A number is counted as the ticket number the lookup reads in it (`x` + number + `x` is the same number). */
  private key(kind: string, value: string): string {
    const v = (kind === 'n' ? (findTicketNumber(this.config.env.ticketPrefix, value) ?? value) : value)
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^0-9A-Z.:]/g, '');
    return `${this.config.env.queuePrefix}:public-lookups:${kind}:${v}`;
  }

  private async count(key: string): Promise<number> {
    try {
      if (this.redis.status !== 'ready') throw new Error(`redis ${this.redis.status}`);
      return Number((await this.redis.get(key)) ?? 0);
    } catch {
      const hit = this.local.get(key);
      return hit && hit.until > Date.now() ? hit.n : 0;
    }
  }

  private async bump(key: string): Promise<void> {
    try {
      if (this.redis.status !== 'ready') throw new Error(`redis ${this.redis.status}`);
      const n = await this.redis.incr(key);
      if (n === 1) await this.redis.pexpire(key, LOOKUP_LIMITS.windowMs);
    } catch (e) {
      this.log.warn(`lookup failures counted in this process only (${(e as Error).message})`);
      const hit = this.local.get(key);
      if (hit && hit.until > Date.now()) hit.n++;
      else this.local.set(key, { n: 1, until: Date.now() + LOOKUP_LIMITS.windowMs });
      if (this.local.size > 100_000) this.local.clear();
    }
  }
}
