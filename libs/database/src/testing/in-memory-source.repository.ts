import type { SourceEntity } from '../entities';
import type { SourceRepository } from '../repositories/source.repository';
import { InMemoryTable } from './in-memory-table';

export class InMemorySourceRepository implements SourceRepository {
  readonly table = new InMemoryTable<SourceEntity>();
  async findById(id: number) {
    return this.table.get(id) ?? null;
  }
  async listAll() {
    return this.table.all();
  }
}
