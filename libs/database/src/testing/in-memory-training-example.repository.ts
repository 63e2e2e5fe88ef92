import type { TrainingExampleEntity } from '../entities';
import type { OperatorExample, TrainingExampleRepository } from '../repositories/training-example.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryTrainingExampleRepository implements TrainingExampleRepository, Snapshottable {
  readonly table = new InMemoryTable<TrainingExampleEntity>();
  async saveOperatorExample(ticketId: number, example: OperatorExample): Promise<void> {
    const row = this.table.where((e) => e.ticketId === ticketId && e.origin === 'operator')[0];
    if (row) this.table.update(row.id, example);
    else this.table.insert({ ticketId, origin: 'operator', createdAt: new Date(), ...example });
  }
  async latestLabelled(limit: number): Promise<TrainingExampleEntity[]> {
    return this.table
      .where((e) => e.category != null)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
