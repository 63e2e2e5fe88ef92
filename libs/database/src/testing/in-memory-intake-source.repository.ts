import type { Channel } from '@hub/domain';
import type { IntakeSource, IntakeSourceRepository } from '../repositories/intake-source.repository';
import { InMemoryTable } from './in-memory-table';

export class InMemoryIntakeSourceRepository implements IntakeSourceRepository {
  readonly table = new InMemoryTable<IntakeSource>();

  constructor(sources: Array<Omit<IntakeSource, 'id'>> = []) {
    for (const s of sources) this.table.insert(s);
  }

  async findByName(name: string): Promise<IntakeSource | null> {
    return this.table.where((s) => s.name === name)[0] ?? null;
  }

  async ensure(name: string, channel: Channel): Promise<IntakeSource> {
    return (await this.findByName(name)) ?? this.table.insert({ name, channel });
  }
}
