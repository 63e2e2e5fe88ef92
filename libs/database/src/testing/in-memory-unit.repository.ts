import type { UnitEntity } from '../entities';
import type { UnitRepository } from '../repositories/unit.repository';
import { InMemoryTable } from './in-memory-table';

// Reference data the ticket use cases only read: no snapshot needed.

export class InMemoryUnitRepository implements UnitRepository {
  readonly table = new InMemoryTable<UnitEntity>();
  async findById(id: number) {
    return this.table.get(id) ?? null;
  }
  async findByIds(ids: number[]) {
    return this.table.where((u) => ids.includes(u.id));
  }
  async findActiveByName(name: string) {
    return this.table.where((u) => u.name === name && u.active)[0] ?? null;
  }
  async findActiveByNames(names: string[]) {
    return this.table.where((u) => names.includes(u.name) && u.active);
  }
  async listAll() {
    return this.table.all();
  }
  async listChildren(parentId: number) {
    return this.table.where((u) => u.parentId === parentId && u.active);
  }
}
