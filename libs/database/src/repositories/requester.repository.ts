import { In, type EntityManager } from 'typeorm';
import { RequesterEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The citizens behind tickets, as the lifecycle and repeat detection read them. */
export interface RequesterRepository {
  findById(id: number): Promise<RequesterEntity | null>;
  findByIds(ids: number[]): Promise<RequesterEntity[]>;
  /** Ids of every requester sharing a phone, e-mail or ID number with `r` (itself included). */
  listIdsSharingIdentity(r: Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>): Promise<number[]>;
  /** Every requester sharing a phone, e-mail or ID number with any of `rs` (theirs included), with those three. */
  listSharingAnyIdentity(
    rs: Array<Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>>,
  ): Promise<Array<Pick<RequesterEntity, 'id' | 'phone' | 'email' | 'idNumber'>>>;
}

export class TypeOrmRequesterRepository implements RequesterRepository {
  constructor(private readonly m: EntityManager) {}

  findById(id: number): Promise<RequesterEntity | null> {
    return this.m.getRepository(RequesterEntity).findOneBy({ id });
  }

  async findByIds(ids: number[]): Promise<RequesterEntity[]> {
    if (!ids.length) return [];
    return this.m.getRepository(RequesterEntity).findBy({ id: In(ids) });
  }

  async listIdsSharingIdentity(r: Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>): Promise<number[]> {
    const where = [r.phone ? { phone: r.phone } : null, r.email ? { email: r.email } : null, r.idNumber ? { idNumber: r.idNumber } : null].filter(Boolean);
    if (!where.length) return [];
    const rows = await this.m.getRepository(RequesterEntity).find({ where: where as never, select: ['id'] });
    return rows.map((x) => x.id);
  }

  async listSharingAnyIdentity(rs: Array<Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>>) {
    const values = (k: 'phone' | 'email' | 'idNumber') => [...new Set(rs.map((r) => r[k]).filter((v): v is string => Boolean(v)))];
    const where = (['phone', 'email', 'idNumber'] as const)
      .map((k) => [k, values(k)] as const)
      .filter(([, v]) => v.length)
      .map(([k, v]) => ({ [k]: In(v) }));
    if (!where.length) return [];
    return this.m.getRepository(RequesterEntity).find({ where: where as never, select: ['id', 'phone', 'email', 'idNumber'] });
  }
}

export const REQUESTERS = repositoryToken<RequesterRepository>('requesters', (m) => new TypeOrmRequesterRepository(m));
