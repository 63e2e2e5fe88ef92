import type { RequesterEntity } from '../entities';
import type { RequesterRepository } from '../repositories/requester.repository';
import { InMemoryTable } from './in-memory-table';

export class InMemoryRequesterRepository implements RequesterRepository {
  readonly table = new InMemoryTable<RequesterEntity>();
  async findById(id: number) {
    return this.table.get(id) ?? null;
  }
  async findByIds(ids: number[]) {
    return this.table.where((x) => ids.includes(x.id));
  }
  async listIdsSharingIdentity(r: Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>) {
    return this.table
      .where((x) => Boolean((r.phone && x.phone === r.phone) || (r.email && x.email === r.email) || (r.idNumber && x.idNumber === r.idNumber)))
      .map((x) => x.id);
  }
  async listSharingAnyIdentity(rs: Array<Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>>) {
    const ids = new Set(await Promise.all(rs.map((r) => this.listIdsSharingIdentity(r))).then((l) => l.flat()));
    return this.table.where((x) => ids.has(x.id));
  }
}
