import type { EntityManager } from 'typeorm';
import { SmsOptOutEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** Phones that replied TD/退订. */
export interface SmsOptOutRepository {
  isOptedOut(phone: string): Promise<boolean>;
  /** Idempotent: a second 退订 from the same phone keeps the first record. */
  optOut(phone: string, via: 'sms-reply' | 'admin', text: string | null): Promise<boolean>;
  /** The phone asked to receive messages again (or an admin undid a mistaken opt-out). */
  optIn(phone: string): Promise<boolean>;
}

export class TypeOrmSmsOptOutRepository implements SmsOptOutRepository {
  constructor(private readonly m: EntityManager) {}

  async isOptedOut(phone: string): Promise<boolean> {
    return (await this.m.getRepository(SmsOptOutEntity).count({ where: { phone } })) > 0;
  }

  async optOut(phone: string, via: 'sms-reply' | 'admin', text: string | null): Promise<boolean> {
    const repo = this.m.getRepository(SmsOptOutEntity);
    if (await repo.count({ where: { phone } })) return false;
    const r = await repo
      .createQueryBuilder()
      .insert()
      .orIgnore()
      .values(<never>{ phone, via, text: text?.slice(0, 200) ?? null })
      .execute();
    return (r.identifiers.length > 0 && r.identifiers[0] != null) || Boolean(r.raw?.affectedRows ?? r.raw?.changes);
  }

  async optIn(phone: string): Promise<boolean> {
    const r = await this.m.getRepository(SmsOptOutEntity).delete({ phone });
    return (r.affected ?? 0) > 0;
  }
}

export const SMS_OPT_OUTS = repositoryToken<SmsOptOutRepository>('sms-opt-outs', (m) => new TypeOrmSmsOptOutRepository(m));
