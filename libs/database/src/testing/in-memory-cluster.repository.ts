import type { ClusterEntity } from '../entities';
import type { ClusterRepository, ClusterRow } from '../repositories/cluster.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryClusterRepository implements ClusterRepository, Snapshottable {
  readonly table = new InMemoryTable<ClusterEntity>();
  async findById(id: number): Promise<ClusterEntity | null> {
    return this.table.get(id) ?? null;
  }
  async save(row: ClusterRow): Promise<ClusterEntity> {
    if (row.id != null && this.table.get(row.id)) {
      this.table.update(row.id, row as ClusterEntity);
      return this.table.get(row.id) as ClusterEntity;
    }
    return this.table.insert(row);
  }
  async insertOrGet(row: Omit<ClusterEntity, 'id'>): Promise<{ cluster: ClusterEntity; created: boolean }> {
    const found = this.table.where((c) => c.key === row.key)[0];
    return found ? { cluster: found, created: false } : { cluster: this.table.insert(row), created: true };
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
